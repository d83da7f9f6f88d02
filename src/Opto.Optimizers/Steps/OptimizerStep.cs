using Microsoft.Extensions.AI;
using Opto.Trace;

namespace Opto.Optimizers;

/// <summary>
/// The record of one optimizer step: every LLM call with its prompt and raw answer, the updates applied, the
/// proposals rejected with their reasons, and, when nothing changed, why.
/// </summary>
public sealed record OptimizerStep
{
    /// <summary>The step's number, counting from 1 for each optimizer.</summary>
    public required int Number { get; init; }

    /// <summary>Every call made to the LLM, in order.</summary>
    public required IReadOnlyList<LlmExchange> Exchanges { get; init; }

    /// <summary>The values applied.</summary>
    public required IReadOnlyList<ParameterUpdate> Updates { get; init; }

    /// <summary>The proposals that were not applied, with the reason for each.</summary>
    public required IReadOnlyList<RejectedUpdate> Rejections { get; init; }

    /// <summary>Parameters for which the LLM proposed exactly their current value.</summary>
    public IReadOnlyList<string> Unchanged { get; init; } = [];

    /// <summary>Remarks on how the step went, e.g. which candidate was selected and how.</summary>
    public IReadOnlyList<string> Notes { get; init; } = [];

    /// <summary>The reasoning of the answer that was used, when it gave one.</summary>
    public string? Reasoning { get; init; }

    /// <summary>Why no parameter changed; <see langword="null"/> when some did.</summary>
    public string? NoOpReason { get; init; }

    /// <summary>Whether the LLM answered that nothing should change (TERMINATE or an empty suggestion).</summary>
    public bool Terminated { get; init; }

    /// <summary>The token counts of all calls added together, when any call reported them.</summary>
    public UsageDetails? Usage { get; init; }

    /// <summary>Whether any parameter changed.</summary>
    public bool Changed => Updates.Count > 0;

    /// <summary>The messages of the first call (the main prompt), or none when no call was made.</summary>
    public IReadOnlyList<RecordedMessage> Prompt => Exchanges.Count > 0 ? Exchanges[0].Messages : [];

    /// <summary>The raw answers of all calls, in order.</summary>
    public IReadOnlyList<string> Responses => [.. Exchanges.Select(e => e.Response)];

    /// <summary>A one-line summary for logs: the changes, or why there were none.</summary>
    /// <returns>The summary.</returns>
    public override string ToString() => Changed
        ? $"step {Number}: " + string.Join(", ", Updates.Select(u => $"{u.Name} {ValueFormatter.Format(u.OldValue, 40)} -> {ValueFormatter.Format(u.NewValue, 40)}"))
        : $"step {Number}: no change ({NoOpReason})";
}
