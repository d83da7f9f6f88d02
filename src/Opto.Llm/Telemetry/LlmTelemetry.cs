namespace Opto.Llm;

/// <summary>Names under which the LLM layer reports telemetry.</summary>
public static class LlmTelemetry
{
    /// <summary>
    /// The default ActivitySource and Meter name of <c>UseOptoTelemetry</c>. Subscribe with
    /// <c>tracing.AddSource(LlmTelemetry.SourceName)</c> and <c>metrics.AddMeter(LlmTelemetry.SourceName)</c>.
    /// </summary>
    public const string SourceName = "Opto.Llm";
}
