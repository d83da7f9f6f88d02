using Microsoft.Extensions.AI;
using Microsoft.Extensions.Logging;

namespace Opto.Llm;

/// <summary>Adds OpenTelemetry tracing and metrics to a <see cref="ChatClientBuilder"/> pipeline.</summary>
public static class TelemetryChatClientBuilderExtensions
{
    /// <summary>
    /// Adds a span per call and the GenAI metrics (<c>gen_ai.client.token.usage</c>,
    /// <c>gen_ai.client.operation.duration</c>) following the OpenTelemetry GenAI semantic conventions, through
    /// Microsoft.Extensions.AI's <see cref="OpenTelemetryChatClient"/> under the source and meter name
    /// <paramref name="sourceName"/>. Retries made by <c>UseOptoResilience</c> inside it appear as
    /// <c>opto.llm.retry</c> events on the span. Place it outermost.
    /// </summary>
    /// <param name="builder">The pipeline builder.</param>
    /// <param name="sourceName">The ActivitySource and Meter name; null uses <see cref="LlmTelemetry.SourceName"/>.</param>
    /// <param name="enableSensitiveData">Whether prompts and answers are put on spans. Off by default: they may hold private data.</param>
    /// <param name="loggerFactory">Where to log events; null logs nothing.</param>
    /// <returns>The same builder.</returns>
    public static ChatClientBuilder UseOptoTelemetry(
        this ChatClientBuilder builder, string? sourceName = null, bool enableSensitiveData = false, ILoggerFactory? loggerFactory = null)
    {
        ArgumentNullException.ThrowIfNull(builder);
        return builder.UseOpenTelemetry(loggerFactory, sourceName ?? LlmTelemetry.SourceName, client => client.EnableSensitiveData = enableSensitiveData);
    }
}
