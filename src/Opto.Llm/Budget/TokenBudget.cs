namespace Opto.Llm;

/// <summary>
/// Hard limits on LLM use, enforced by <see cref="UsageLedger"/>. Each limit left null is not enforced.
/// </summary>
/// <remarks>
/// Token and cost limits are checked before each call against what completed calls used: once a limit is reached,
/// the next call is refused with <see cref="BudgetExceededException"/> before anything is sent. Calls already in
/// flight finish and are recorded, so the final totals can pass a token or cost limit by what those calls used.
/// <see cref="MaxCalls"/> counts calls as they start and is never passed.
/// </remarks>
public sealed record TokenBudget
{
    /// <summary>No limits.</summary>
    public static TokenBudget Unlimited { get; } = new();

    /// <summary>The most calls that may be started.</summary>
    public int? MaxCalls { get; init; }

    /// <summary>The most input tokens.</summary>
    public long? MaxInputTokens { get; init; }

    /// <summary>The most output tokens.</summary>
    public long? MaxOutputTokens { get; init; }

    /// <summary>The most input plus output tokens.</summary>
    public long? MaxTotalTokens { get; init; }

    /// <summary>The most money, in the currency of the <see cref="PriceTable"/>. Requires a price for every model used.</summary>
    public decimal? MaxCost { get; init; }
}
