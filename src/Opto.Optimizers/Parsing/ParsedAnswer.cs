namespace Opto.Optimizers;

/// <summary>What <see cref="SuggestionParser"/> read from an LLM answer.</summary>
public sealed class ParsedAnswer
{
    /// <summary>Whether the whole answer was the word TERMINATE (nothing should change).</summary>
    public bool IsTerminate { get; init; }

    /// <summary>The answer's reasoning, if it gave one (possibly cut off).</summary>
    public string? Reasoning { get; init; }

    /// <summary>The proposed values, in the answer's order (incomplete ones included, see <see cref="ProposedValue.IsComplete"/>).</summary>
    public IReadOnlyList<ProposedValue> Suggestions { get; init; } = [];

    /// <summary>Whether the answer held a suggestion object at all (an empty one means "no change").</summary>
    public bool HasSuggestionObject { get; init; }

    /// <summary>Whether the answer ended (or broke off) in the middle of its JSON.</summary>
    public bool WasTruncated { get; init; }

    /// <summary>Why the answer, or part of it, could not be read; empty when it read cleanly.</summary>
    public IReadOnlyList<string> Problems { get; init; } = [];
}
