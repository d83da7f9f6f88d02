namespace Opto.Llm;

/// <summary>One LLM call as recorded by <see cref="UsageLedger"/>.</summary>
/// <param name="Sequence">The call's number in its ledger, from 1, in order of start.</param>
/// <param name="Source">The name given to the client that made the call (e.g. <c>optimizer</c>), if any.</param>
/// <param name="Model">The model, as reported by the provider or else as requested.</param>
/// <param name="StartedAt">When the call started.</param>
/// <param name="Latency">How long the call took, up to its last update for streaming calls.</param>
/// <param name="InputTokens">Input tokens reported by the provider (0 when it reported none).</param>
/// <param name="OutputTokens">Output tokens reported by the provider.</param>
/// <param name="CachedInputTokens">How many input tokens the provider served from its cache.</param>
/// <param name="Cost">The cost from the price table, or null when the model has no price.</param>
/// <param name="FinishReason">Why generation stopped (<c>stop</c>, <c>length</c>, ...), when known.</param>
/// <param name="Streaming">Whether it was a streaming call.</param>
/// <param name="Error">The error's type and message when the call failed; null when it succeeded.</param>
public sealed record UsageRecord(
    long Sequence,
    string? Source,
    string? Model,
    DateTimeOffset StartedAt,
    TimeSpan Latency,
    long InputTokens,
    long OutputTokens,
    long CachedInputTokens,
    decimal? Cost,
    string? FinishReason,
    bool Streaming,
    string? Error)
{
    /// <summary>Input plus output tokens.</summary>
    public long TotalTokens => InputTokens + OutputTokens;

    /// <summary>Whether the call succeeded.</summary>
    public bool Succeeded => Error is null;
}
