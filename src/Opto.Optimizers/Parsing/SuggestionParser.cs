using System.Text.Json;

namespace Opto.Optimizers;

/// <summary>
/// Reads an optimizer answer tolerantly: a JSON object <c>{"reasoning": …, "suggestion": {name: value}}</c>, possibly
/// inside code fences or between prose, with single quotes, trailing commas, Python literals or a cut-off end
/// (complete pairs are recovered). The answer means "stop" only when it is exactly the word TERMINATE; the word
/// inside reasoning or a value means nothing.
/// </summary>
public static class SuggestionParser
{
    /// <summary>The word that, as the whole answer, means no change is needed.</summary>
    public const string TerminateWord = "TERMINATE";

    private const int MaxCandidates = 32;
    private static readonly string[] SuggestionKeys = ["suggestion", "suggestions"];
    private static readonly string[] ReasoningKeys = ["reasoning", "reason", "explanation"];
    private static readonly string[] NonVariableKeys = ["reasoning", "reason", "explanation", "answer"];

    /// <summary>Parses an answer.</summary>
    /// <param name="answer">The raw answer text.</param>
    /// <param name="knownNames">Variable names; when the answer has no "suggestion" object, top-level keys among these are taken as suggestions.</param>
    /// <returns>What was read, with the problems met.</returns>
    public static ParsedAnswer Parse(string answer, IEnumerable<string>? knownNames = null)
    {
        ArgumentNullException.ThrowIfNull(answer);
        var trimmed = answer.AsSpan().Trim();
        if (trimmed.Equals(TerminateWord, StringComparison.OrdinalIgnoreCase))
        {
            return new ParsedAnswer { IsTerminate = true };
        }

        if (trimmed.IsEmpty)
        {
            return new ParsedAnswer { Problems = ["the answer is empty"] };
        }

        var known = knownNames is null ? null : new HashSet<string>(knownNames, StringComparer.OrdinalIgnoreCase);
        var chosen = FindObject(answer, known);
        if (chosen is null)
        {
            return new ParsedAnswer { Problems = ["the answer holds no JSON object"] };
        }

        return Read(answer, chosen, known);
    }

    /// <summary>
    /// The first object that has a "suggestion" member; failing that, the first whose keys are variable names;
    /// failing that, the first object with any member. Objects that fail to parse are skipped.
    /// </summary>
    private static LooseObject? FindObject(string text, HashSet<string>? known)
    {
        LooseObject? withKnownKeys = null;
        LooseObject? any = null;
        var from = 0;
        for (var attempt = 0; attempt < MaxCandidates; attempt++)
        {
            var open = text.IndexOf('{', from);
            if (open < 0)
            {
                break;
            }

            var reader = new LenientJsonReader(text, open);
            if (reader.ReadValue() is LooseObject obj && (obj.Members.Count > 0 || obj.Complete))
            {
                if (obj.Has(SuggestionKeys))
                {
                    return obj;
                }

                if (withKnownKeys is null && known is not null && obj.Members.Any(m => known.Contains(m.Key)))
                {
                    withKnownKeys = obj;
                }

                any ??= obj;
                if (obj.Complete)
                {
                    from = reader.Position;
                    continue;
                }
            }

            if (reader.ReachedEnd && reader.Error is null)
            {
                break; // it read to the end of the answer: no object can start later
            }

            from = open + 1;
        }

        return withKnownKeys ?? any;
    }

    private static ParsedAnswer Read(string text, LooseObject obj, HashSet<string>? known)
    {
        var problems = new List<string>();
        var truncated = !obj.Complete;
        string? reasoning = obj.Find(ReasoningKeys) is { } r ? r.DisplayText(text) : null;

        var suggestionValue = obj.Find(SuggestionKeys);
        var hasSuggestionMember = obj.Has(SuggestionKeys);
        List<ProposedValue> suggestions = [];
        var hasSuggestionObject = false;

        if (hasSuggestionMember)
        {
            switch (suggestionValue)
            {
                case LooseObject inner:
                    hasSuggestionObject = true;
                    AddMembers(text, inner, suggestions, exclude: null);
                    break;
                case LooseScalar { Kind: JsonValueKind.String, Complete: true } s when LenientJsonReader.ReadWhole(s.Text) is LooseObject fromText:
                    // Some models write the suggestion object as a string holding JSON.
                    hasSuggestionObject = true;
                    AddMembers(s.Text, fromText, suggestions, exclude: null);
                    break;
                case LooseScalar { Kind: JsonValueKind.Null, Complete: true }:
                    hasSuggestionObject = true; // "suggestion": null reads as "no change"
                    break;
                case null:
                    problems.Add("the answer was cut off before the value of \"suggestion\"");
                    break;
                default:
                    problems.Add("\"suggestion\" must be a JSON object that maps variable names to new values, but it is " + Describe(suggestionValue));
                    break;
            }
        }
        else if (known is not null && obj.Members.Any(m => known.Contains(m.Key)))
        {
            // The model left out the wrapper and wrote the variables at the top level.
            hasSuggestionObject = true;
            AddMembers(text, obj, suggestions, exclude: NonVariableKeys);
        }
        else if (truncated)
        {
            problems.Add(obj.Error is { } error
                ? $"the JSON is malformed ({error}) before its \"suggestion\" object"
                : "the answer was cut off before its \"suggestion\" object; keep the reasoning short so that the whole answer fits");
        }
        else
        {
            problems.Add("the JSON object has no \"suggestion\" member");
        }

        if (truncated && suggestions.Count > 0)
        {
            var complete = suggestions.Count(s => s.IsComplete);
            problems.Add(obj.Error is { } error
                ? $"the JSON is malformed ({error}); {complete} complete value(s) before that point were recovered"
                : $"the answer was cut off; {complete} complete value(s) were recovered (keep the reasoning short so that the whole answer fits)");
        }

        return new ParsedAnswer
        {
            Reasoning = reasoning,
            Suggestions = suggestions,
            HasSuggestionObject = hasSuggestionObject,
            WasTruncated = truncated,
            Problems = problems,
        };
    }

    private static void AddMembers(string source, LooseObject obj, List<ProposedValue> into, string[]? exclude)
    {
        foreach (var member in obj.Members)
        {
            if (exclude is not null && exclude.Contains(member.Key, StringComparer.OrdinalIgnoreCase))
            {
                continue;
            }

            into.Add(member.Value is { Complete: true } value
                ? new ProposedValue(member.Key, value.ToElement(), value.DisplayText(source))
                : new ProposedValue(member.Key, null, member.Value?.DisplayText(source) ?? ""));
        }
    }

    private static string Describe(LooseValue value) => value switch
    {
        LooseArray => "an array",
        LooseScalar { Kind: JsonValueKind.String } => "a text",
        LooseScalar { Kind: JsonValueKind.Number } => "a number",
        LooseScalar { Kind: JsonValueKind.True or JsonValueKind.False } => "a boolean",
        _ => "something else",
    };
}
