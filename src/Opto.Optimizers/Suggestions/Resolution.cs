using Opto.Trace;

namespace Opto.Optimizers;

/// <summary>A proposed value that fits its parameter, ready to apply.</summary>
internal sealed record ValidSuggestion(IParameterNode Parameter, object? Value, string Text, int Exchange);

/// <summary>An answer matched against the variables: what can be applied, what cannot and why.</summary>
internal sealed class Resolution
{
    public List<ValidSuggestion> Valid { get; } = [];

    public List<RejectedUpdate> Rejected { get; } = [];

    /// <summary>Problems worth telling the LLM about in a re-ask.</summary>
    public List<string> Problems { get; } = [];

    public bool Terminate { get; init; }

    public string? Reasoning { get; init; }

    /// <summary>The answer deliberately proposed nothing (an empty suggestion object).</summary>
    public bool NoChangeProposed { get; set; }

    /// <summary>Whether a re-ask could help: something was wrong beyond a value lost to a cut-off answer.</summary>
    public bool NeedsReask { get; set; }

    /// <summary>Why nothing can be applied, when nothing can.</summary>
    public string? NoOpReason { get; set; }
}
