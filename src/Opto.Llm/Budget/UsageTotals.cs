namespace Opto.Llm;

/// <summary>A snapshot of what a <see cref="UsageLedger"/> has recorded so far.</summary>
/// <param name="Calls">Completed calls, failed ones included.</param>
/// <param name="FailedCalls">Calls that ended with an error.</param>
/// <param name="InputTokens">Input tokens of all calls.</param>
/// <param name="OutputTokens">Output tokens of all calls.</param>
/// <param name="CachedInputTokens">Cached input tokens of all calls.</param>
/// <param name="Cost">The cost of all priced calls.</param>
/// <param name="UnpricedCalls">Calls that used tokens but whose model had no price (their cost is missing from <paramref name="Cost"/>).</param>
/// <param name="InFlight">Calls started but not finished.</param>
public sealed record UsageTotals(
    long Calls,
    long FailedCalls,
    long InputTokens,
    long OutputTokens,
    long CachedInputTokens,
    decimal Cost,
    long UnpricedCalls,
    int InFlight)
{
    /// <summary>Input plus output tokens.</summary>
    public long TotalTokens => InputTokens + OutputTokens;

    /// <inheritdoc/>
    public override string ToString() =>
        $"{Calls} calls ({FailedCalls} failed, {InFlight} in flight), {InputTokens:N0} input + {OutputTokens:N0} output tokens, cost {Cost:0.####}"
        + (UnpricedCalls > 0 ? $" (+{UnpricedCalls} unpriced calls)" : string.Empty);
}
