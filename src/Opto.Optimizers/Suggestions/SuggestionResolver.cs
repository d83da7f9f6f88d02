using System.Text.Json;
using Opto.Trace;

namespace Opto.Optimizers;

/// <summary>
/// Matches an answer's suggestions to the variables by the names the prompt showed (the subgraph's names, which
/// equal the parameter keys), converts each value to its parameter's type and collects what went wrong.
/// </summary>
internal sealed class SuggestionResolver
{
    private readonly Dictionary<string, IParameterNode> _byName;
    private readonly TraceSubgraph? _subgraph;
    private readonly JsonSerializerOptions _options;

    public SuggestionResolver(IEnumerable<KeyValuePair<string, IParameterNode>> variables, TraceSubgraph? subgraph, JsonSerializerOptions options)
    {
        _byName = new Dictionary<string, IParameterNode>(variables, StringComparer.Ordinal);
        _subgraph = subgraph;
        _options = options;
    }

    public IReadOnlyCollection<string> Names => _byName.Keys;

    public IEnumerable<KeyValuePair<string, IParameterNode>> Variables => _byName;

    public Resolution Resolve(ParsedAnswer answer, int exchange)
    {
        if (answer.IsTerminate)
        {
            return new Resolution { Terminate = true, NoOpReason = "the optimizer answered TERMINATE: no change is needed" };
        }

        var resolution = new Resolution { Reasoning = answer.Reasoning };
        var chosen = new Dictionary<IParameterNode, int>(ReferenceEqualityComparer.Instance);
        var reaskWorthy = false;

        foreach (var proposal in answer.Suggestions)
        {
            if (!TryMatch(proposal.Name, out var parameter, out var unknownReason))
            {
                Reject(resolution, proposal, unknownReason, exchange);
                reaskWorthy = true;
                continue;
            }

            if (proposal.Value is not { } element)
            {
                // Lost to a cut-off answer; asking again would likely be cut off again, so this alone triggers no re-ask.
                resolution.Rejected.Add(new RejectedUpdate(proposal.Name, proposal.Text, "the answer was cut off inside this value", exchange));
                continue;
            }

            if (!ValueConverter.TryConvert(parameter, element, _options, out var value, out var reason))
            {
                Reject(resolution, proposal, reason ?? "the value does not fit the variable", exchange);
                reaskWorthy = true;
                continue;
            }

            if (chosen.TryGetValue(parameter, out var earlier))
            {
                var previous = resolution.Valid[earlier];
                resolution.Rejected.Add(new RejectedUpdate(proposal.Name, previous.Text, "the answer gave this variable again later; the later value was used", exchange));
                resolution.Valid[earlier] = new ValidSuggestion(parameter, value, proposal.Text, exchange);
                continue;
            }

            chosen[parameter] = resolution.Valid.Count;
            resolution.Valid.Add(new ValidSuggestion(parameter, value, proposal.Text, exchange));
        }

        foreach (var problem in answer.Problems)
        {
            resolution.Problems.Add(problem);
        }

        if (resolution.Valid.Count == 0)
        {
            if (answer.HasSuggestionObject && answer.Suggestions.Count == 0)
            {
                resolution.NoChangeProposed = true;
                resolution.NoOpReason = "the optimizer proposed no change (an empty suggestion)";
            }
            else
            {
                reaskWorthy = true;
                resolution.NoOpReason = "no usable value in the answer: " + string.Join("; ", resolution.Problems);
            }
        }

        resolution.NeedsReask = reaskWorthy;
        return resolution;
    }

    private static void Reject(Resolution resolution, ProposedValue proposal, string reason, int exchange)
    {
        resolution.Rejected.Add(new RejectedUpdate(proposal.Name, proposal.Text, reason, exchange));
        resolution.Problems.Add($"\"{proposal.Name}\": {reason}");
    }

    private bool TryMatch(string name, out IParameterNode parameter, out string reason)
    {
        reason = "";
        if (_byName.TryGetValue(name, out parameter!))
        {
            return true;
        }

        // Forgive case only when it is unambiguous.
        var matches = _byName.Where(kv => string.Equals(kv.Key, name, StringComparison.OrdinalIgnoreCase)).Take(2).ToArray();
        if (matches.Length == 1)
        {
            parameter = matches[0].Value;
            return true;
        }

        var known = string.Join(", ", _byName.Keys);
        reason = _subgraph?.Find(name) switch
        {
            IParameterNode => $"{name} is fixed in this step and cannot be changed; the variables are: {known}",
            Node => $"{name} is computed by the program (see #Code) and cannot be set directly; change the variables instead: {known}",
            _ => $"there is no variable named {name}; the variables are: {known}",
        };
        return false;
    }
}
