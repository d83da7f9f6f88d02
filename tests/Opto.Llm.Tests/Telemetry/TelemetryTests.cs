using System.Diagnostics;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Time.Testing;
using OpenTelemetry;
using OpenTelemetry.Metrics;
using OpenTelemetry.Trace;
using Opto.Llm.Tests.Support;
using Opto.Testing;

namespace Opto.Llm.Tests.Telemetry;

public class TelemetryTests
{
    [Fact]
    public async Task A_call_exports_a_GenAI_span_with_usage_retry_events_and_token_metrics()
    {
        // A unique source name keeps spans of tests running in parallel apart.
        var source = "Opto.Llm.Tests." + Guid.NewGuid().ToString("N");
        var spans = new List<Activity>();
        var metrics = new List<Metric>();
        using var tracing = Sdk.CreateTracerProviderBuilder().AddSource(source).AddInMemoryExporter(spans).Build();
        using var metering = Sdk.CreateMeterProviderBuilder().AddMeter(source).AddInMemoryExporter(metrics).Build();

        var time = new FakeTimeProvider();
        var scripted = new ScriptedChatClient(
            ScriptedStep.Fault(503),
            ScriptedStep.Reply("traced", new UsageDetails { InputTokenCount = 10, OutputTokenCount = 4, TotalTokenCount = 14 }));
        using var client = scripted.AsBuilder()
            .UseOptoTelemetry(source)
            .UseOptoResilience(new LlmResilienceOptions { TimeProvider = time, JitterSeed = 1 })
            .Build();

        await FakeClock.RunAsync(time, client.GetResponseAsync("hello", new ChatOptions { Temperature = 0.5f }));
        tracing.ForceFlush();
        metering.ForceFlush();

        var span = Assert.Single(spans);
        Assert.Equal("chat scripted-model", span.DisplayName);
        Assert.Equal(10L, Convert.ToInt64(span.GetTagItem("gen_ai.usage.input_tokens")));
        Assert.Equal(4L, Convert.ToInt64(span.GetTagItem("gen_ai.usage.output_tokens")));
        Assert.Equal("scripted-model", span.GetTagItem("gen_ai.request.model"));
        Assert.Contains(span.Events, e => e.Name == "opto.llm.retry");

        // The in-memory exporter appends a copy per export (deps.md G13): look at the last one.
        var tokenUsage = metrics.LastOrDefault(m => m.Name == "gen_ai.client.token.usage");
        Assert.NotNull(tokenUsage);
        long sum = 0;
        foreach (ref readonly var point in tokenUsage.GetMetricPoints())
        {
            sum += (long)point.GetHistogramSum();
        }

        Assert.Equal(14, sum);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task Prompts_stay_off_spans_unless_sensitive_data_is_enabled(bool enableSensitiveData)
    {
        var source = "Opto.Llm.Tests." + Guid.NewGuid().ToString("N");
        var spans = new List<Activity>();
        using var tracing = Sdk.CreateTracerProviderBuilder().AddSource(source).AddInMemoryExporter(spans).Build();
        using var client = new ScriptedChatClient("reply text").AsBuilder().UseOptoTelemetry(source, enableSensitiveData).Build();

        await client.GetResponseAsync("a private prompt");
        tracing.ForceFlush();

        var span = Assert.Single(spans);
        var promptOnSpan = span.TagObjects.Any(tag => tag.Value?.ToString()?.Contains("a private prompt", StringComparison.Ordinal) == true);
        Assert.Equal(enableSensitiveData, promptOnSpan);
    }
}
