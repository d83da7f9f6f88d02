namespace Opto.Testing;

/// <summary>A recorded answer.</summary>
public sealed record CassetteResponse
{
    /// <summary>The answer's messages (usually one assistant message).</summary>
    public IReadOnlyList<CassetteMessage> Messages { get; init; } = [];

    /// <summary>The model that answered, as reported by the provider.</summary>
    public string? Model { get; init; }

    /// <summary>Why generation stopped: <c>stop</c>, <c>length</c>, <c>tool_calls</c>, <c>content_filter</c>.</summary>
    public string? FinishReason { get; init; }

    /// <summary>Token usage, as reported by the provider.</summary>
    public CassetteUsage? Usage { get; init; }
}

/// <summary>Token usage in a cassette.</summary>
public sealed record CassetteUsage
{
    /// <summary>Input tokens.</summary>
    public long? InputTokens { get; init; }

    /// <summary>Output tokens.</summary>
    public long? OutputTokens { get; init; }

    /// <summary>Total tokens.</summary>
    public long? TotalTokens { get; init; }

    /// <summary>Cached input tokens.</summary>
    public long? CachedInputTokens { get; init; }

    /// <summary>Reasoning tokens.</summary>
    public long? ReasoningTokens { get; init; }
}
