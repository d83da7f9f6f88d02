using Microsoft.Extensions.AI;

namespace Opto.Optimizers;

/// <summary>One call to the LLM during a step: what it was for, the messages sent and the raw answer.</summary>
public sealed record LlmExchange
{
    /// <summary>What the call was for, e.g. <c>propose</c>, <c>re-ask</c>, <c>candidate 2</c>, <c>critique of x</c>.</summary>
    public required string Purpose { get; init; }

    /// <summary>The messages sent, in order.</summary>
    public required IReadOnlyList<RecordedMessage> Messages { get; init; }

    /// <summary>The raw text of the answer.</summary>
    public required string Response { get; init; }

    /// <summary>The sampling temperature requested, when one was set.</summary>
    public float? Temperature { get; init; }

    /// <summary>Token counts, when the answer reported them.</summary>
    public UsageDetails? Usage { get; init; }
}
