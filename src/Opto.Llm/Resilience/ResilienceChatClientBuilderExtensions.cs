using Microsoft.Extensions.AI;

namespace Opto.Llm;

/// <summary>Adds <see cref="ResilientChatClient"/> to a <see cref="ChatClientBuilder"/> pipeline.</summary>
public static class ResilienceChatClientBuilderExtensions
{
    /// <summary>
    /// Adds retries (exponential backoff with jitter, honouring Retry-After), a per-attempt timeout, a circuit breaker
    /// and a concurrency limit. Place it inside <c>UseTokenBudget</c> and <c>UseOptoTelemetry</c> so that one logical
    /// call is counted and traced once, whatever the number of attempts.
    /// </summary>
    /// <param name="builder">The pipeline builder.</param>
    /// <param name="options">The settings; null uses the defaults of <see cref="LlmResilienceOptions"/>.</param>
    /// <returns>The same builder.</returns>
    public static ChatClientBuilder UseOptoResilience(this ChatClientBuilder builder, LlmResilienceOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(builder);
        return builder.Use(inner => new ResilientChatClient(inner, options));
    }
}
