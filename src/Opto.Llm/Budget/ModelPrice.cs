namespace Opto.Llm;

/// <summary>What a model costs, per million tokens, in whatever currency the price table uses (usually USD).</summary>
/// <param name="InputPerMillion">The price of one million input (prompt) tokens.</param>
/// <param name="OutputPerMillion">The price of one million output (completion) tokens.</param>
/// <param name="CachedInputPerMillion">The price of one million cached input tokens; null charges them as ordinary input.</param>
public sealed record ModelPrice(decimal InputPerMillion, decimal OutputPerMillion, decimal? CachedInputPerMillion = null)
{
    /// <summary>The cost of one call.</summary>
    /// <param name="inputTokens">All input tokens, cached ones included.</param>
    /// <param name="outputTokens">Output tokens (reasoning tokens included, as providers bill them).</param>
    /// <param name="cachedInputTokens">How many of the input tokens were served from the provider's cache.</param>
    /// <returns>The cost.</returns>
    public decimal CostOf(long inputTokens, long outputTokens, long cachedInputTokens = 0)
    {
        var cached = Math.Clamp(cachedInputTokens, 0, inputTokens);
        var total = ((inputTokens - cached) * InputPerMillion)
            + (cached * (CachedInputPerMillion ?? InputPerMillion))
            + (outputTokens * OutputPerMillion);
        return total / 1_000_000m;
    }
}
