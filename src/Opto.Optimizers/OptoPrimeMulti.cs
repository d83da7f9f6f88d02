using System.Globalization;
using System.Text;
using System.Text.Json;
using Microsoft.Extensions.AI;
using Opto.Trace;

namespace Opto.Optimizers;

/// <summary>
/// OptoPrime with several candidate answers per step: the same prompt is sent <see cref="OptoPrimeMultiOptions.CandidateCount"/>
/// times (at temperatures spread from low to high, or all at one temperature), each answer is parsed and checked,
/// and one is selected by <see cref="OptoPrimeMultiOptions.Selection"/>. The calls run one after another, so that
/// runs against a recorded cassette are deterministic. Candidates that are not selected stay in the record.
/// </summary>
public sealed class OptoPrimeMulti : OptoPrime
{
    /// <summary>Creates the optimizer.</summary>
    /// <param name="parameters">The parameters to optimize (only trainable ones change).</param>
    /// <param name="chatClient">The LLM.</param>
    /// <param name="options">Settings; defaults when null.</param>
    public OptoPrimeMulti(IEnumerable<IParameterNode> parameters, IChatClient chatClient, OptoPrimeMultiOptions? options = null)
        : base(parameters, chatClient, options ?? new OptoPrimeMultiOptions())
    {
        MultiOptions = (OptoPrimeMultiOptions)Options;
    }

    /// <summary>The settings.</summary>
    public OptoPrimeMultiOptions MultiOptions { get; }

    /// <inheritdoc />
    protected override async Task RunStepAsync(StepRecorder recorder, CancellationToken cancellationToken)
    {
        if (BeginStep(recorder) is not var (prompt, resolver))
        {
            return;
        }

        var count = MultiOptions.CandidateCount;
        var candidates = new List<Resolution>(count);
        for (var i = 0; i < count; i++)
        {
            var options = SuggestionChatOptions(resolver);
            if (MultiOptions.VaryTemperature)
            {
                options.Temperature = count == 1
                    ? MultiOptions.MinTemperature
                    : MultiOptions.MinTemperature + ((MultiOptions.MaxTemperature - MultiOptions.MinTemperature) * i / (count - 1));
            }

            var (answer, exchange) = await SendAsync(recorder, $"candidate {i + 1}", prompt.ToMessages(), options, cancellationToken).ConfigureAwait(false);
            var candidate = resolver.Resolve(SuggestionParser.Parse(answer, resolver.Names), exchange);
            foreach (var rejection in candidate.Rejected)
            {
                recorder.Reject(rejection);
            }

            candidates.Add(candidate);
        }

        var chosen = MultiOptions.Selection switch
        {
            CandidateSelection.FirstValid => SelectFirstValid(recorder, candidates),
            CandidateSelection.MajorityVote => SelectByVote(recorder, candidates),
            _ => await SelectByJudgeAsync(recorder, prompt, candidates, cancellationToken).ConfigureAwait(false),
        };

        if (chosen < 0)
        {
            return;
        }

        // The candidates not chosen are recorded, so that no proposal disappears without a trace
        // (those that proposed exactly the chosen values were not overruled, so they are not listed).
        var chosenValues = Fingerprint(candidates[chosen]);
        for (var i = 0; i < candidates.Count; i++)
        {
            if (i == chosen || (IsUsable(candidates[i]) && Fingerprint(candidates[i]) == chosenValues))
            {
                continue;
            }

            foreach (var valid in candidates[i].Valid)
            {
                recorder.Reject(new RejectedUpdate(valid.Parameter.Name, valid.Text, $"candidate {i + 1} was not selected (candidate {chosen + 1} was)", valid.Exchange));
            }
        }

        Apply(recorder, candidates[chosen]);
    }

    private static bool IsUsable(Resolution candidate) => candidate.Valid.Count > 0 && !candidate.NeedsReask;

    private static bool IsNoChange(Resolution candidate) => candidate.Terminate || candidate.NoChangeProposed;

    private static int SelectFirstValid(StepRecorder recorder, List<Resolution> candidates)
    {
        var index = candidates.FindIndex(IsUsable);
        if (index >= 0)
        {
            recorder.Note($"selected candidate {index + 1} of {candidates.Count}: the first usable one");
            return index;
        }

        return NoneUsable(recorder, candidates);
    }

    private int SelectByVote(StepRecorder recorder, List<Resolution> candidates)
    {
        const string NoChange = "(no change)";
        var groups = new Dictionary<string, List<int>>(StringComparer.Ordinal);
        var order = new List<string>();
        for (var i = 0; i < candidates.Count; i++)
        {
            var key = IsNoChange(candidates[i]) ? NoChange : IsUsable(candidates[i]) ? Fingerprint(candidates[i]) : null;
            if (key is null)
            {
                continue;
            }

            if (!groups.TryGetValue(key, out var members))
            {
                groups[key] = members = [];
                order.Add(key);
            }

            members.Add(i);
        }

        if (order.Count == 0)
        {
            return NoneUsable(recorder, candidates);
        }

        var winner = order.OrderByDescending(k => groups[k].Count).First(); // stable: ties keep first appearance
        var votes = groups[winner];
        if (winner == NoChange)
        {
            recorder.Terminated = true;
            recorder.NoOpReason = $"{votes.Count} of {candidates.Count} candidates proposed no change, more than proposed any one set of values";
            return -1;
        }

        recorder.Note($"selected candidate {votes[0] + 1} of {candidates.Count} by majority vote ({votes.Count} proposed the same values)");
        return votes[0];
    }

    private async Task<int> SelectByJudgeAsync(StepRecorder recorder, OptoPrimePrompt prompt, List<Resolution> candidates, CancellationToken cancellationToken)
    {
        var usable = Enumerable.Range(0, candidates.Count).Where(i => IsUsable(candidates[i])).ToList();
        if (usable.Count == 0)
        {
            return NoneUsable(recorder, candidates);
        }

        if (usable.Count == 1)
        {
            recorder.Note($"selected candidate {usable[0] + 1} of {candidates.Count}: the only usable one, so no judge was asked");
            return usable[0];
        }

        var user = new StringBuilder(2048);
        user.Append(PromptText.ProblemOpening).Append("\n\n");
        prompt.Problem.AppendTo(user);
        user.Append("\n#Candidates\n");
        for (var n = 0; n < usable.Count; n++)
        {
            var candidate = candidates[usable[n]];
            user.Append("Candidate ").Append((n + 1).ToString(CultureInfo.InvariantCulture)).Append('\n');
            if (!string.IsNullOrWhiteSpace(candidate.Reasoning))
            {
                user.Append("Reasoning: ");
                ValueText.AppendIndented(user, ValueFormatter.Format(candidate.Reasoning.Trim(), Options.MaxFeedbackLength), "  ");
                user.Append('\n');
            }

            foreach (var valid in candidate.Valid)
            {
                ValueText.AppendDeclaration(user, valid.Parameter.IsCode ? ValueText.CodeType : TypeNames.Friendly(valid.Parameter.ValueType),
                    prompt.Subgraph.NameOf((Node)valid.Parameter), valid.Value, valid.Parameter.IsCode ? Options.MaxCodeLength : Options.MaxValueLength);
            }

            user.Append('\n');
        }

        user.Append("Your choice:");
        List<ChatMessage> messages = [new(ChatRole.System, PromptText.JudgeIntro), new(ChatRole.User, user.ToString())];
        var options = ChatOptionsFor(SuggestionSchema.BuildJudge, "candidate_choice", "The number of the best candidate, with the reasoning.");
        var (answer, _) = await SendAsync(recorder, "judge", messages, options, cancellationToken).ConfigureAwait(false);
        if (ReadChoice(answer) is { } choice && choice >= 1 && choice <= usable.Count)
        {
            recorder.Note($"selected candidate {usable[choice - 1] + 1} of {candidates.Count}: the judge chose it");
            return usable[choice - 1];
        }

        recorder.Note($"the judge's answer named no candidate between 1 and {usable.Count}; selected candidate {usable[0] + 1}, the first usable one");
        return usable[0];
    }

    private static int NoneUsable(StepRecorder recorder, List<Resolution> candidates)
    {
        if (candidates.Count > 0 && candidates.All(IsNoChange))
        {
            recorder.Terminated = true;
            recorder.NoOpReason = "every candidate proposed no change";
            return -1;
        }

        recorder.NoOpReason = "no candidate was usable: " + string.Join(" | ", candidates.Select((c, i) =>
            $"candidate {i + 1}: {(IsNoChange(c) ? "no change" : string.Join("; ", c.Problems.DefaultIfEmpty(c.NoOpReason ?? "unusable")))}"));
        return -1;
    }

    /// <summary>The candidate's values as JSON, by parameter name, so that equal proposals compare equal.</summary>
    private string Fingerprint(Resolution candidate)
    {
        var sb = new StringBuilder();
        foreach (var valid in candidate.Valid.OrderBy(v => v.Parameter.Name, StringComparer.Ordinal))
        {
            sb.Append(valid.Parameter.Name).Append('=');
            try
            {
                sb.Append(JsonSerializer.Serialize(valid.Value, valid.Parameter.ValueType, SerializerOptions));
            }
            catch (NotSupportedException)
            {
                sb.Append(valid.Text);
            }

            sb.Append('\n');
        }

        return sb.ToString();
    }

    private static int? ReadChoice(string answer)
    {
        var trimmed = answer.Trim();
        if (int.TryParse(trimmed, NumberStyles.Integer, CultureInfo.InvariantCulture, out var bare))
        {
            return bare;
        }

        var open = trimmed.IndexOf('{', StringComparison.Ordinal);
        if (open >= 0 && new LenientJsonReader(trimmed, open).ReadValue() is LooseObject obj
            && obj.Find("choice") is LooseScalar { Complete: true } scalar)
        {
            var text = scalar.Text.Trim();
            if (int.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var choice))
            {
                return choice;
            }
        }

        return null;
    }
}
