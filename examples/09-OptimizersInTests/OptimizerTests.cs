// How to run an optimizer inside unit tests, with no network and no key:
//   - replay a cassette: the LLM's answers were recorded once against a provider and are committed next to the
//     tests (Cassettes/*.json); replay is strict, so a changed prompt fails with a diff instead of quietly passing;
//   - or script the LLM in the test itself with ScriptedChatClient.
//
// Re-recording the cassette (after a deliberate change of the workflow or the prompt):
//   OPTO_CASSETTE_MODE=record OPTO_LLM_PROVIDER=openai OPTO_LLM_MODEL=gpt-4o-mini OPTO_LLM_API_KEY=... \
//     dotnet test examples/09-OptimizersInTests
// (any provider of Opto.Llm works: ollama, compatible servers, Azure OpenAI). Then commit the cassette file.
// The cassette committed here was recorded that way against a local OpenAI-compatible stand-in that answered like
// a model would (no hosted provider was reachable where it was written); re-recording replaces it with a real
// model's answers, and the test then checks that model.
using System.Runtime.CompilerServices;
using System.Text.Json;
using Microsoft.Extensions.AI;
using Opto.Llm;
using Opto.Optimizers;
using Opto.Testing;
using Opto.Trace;
using Opto.Trainer;

namespace Opto.Examples.OptimizersInTests;

public sealed class OptimizerTests
{
    private static readonly Dataset<double, double> Temperatures = Dataset.From<double, double>(
        [(-40, -40), (0, 32), (10, 50), (25, 77), (37, 98.6), (100, 212)], "temperatures");

    [Fact]
    public async Task OptoPrime_fixes_the_converter_within_three_steps_replayed_from_a_cassette()
    {
        var converter = new TemperatureConverter();
        using var llm = Cassette("fahrenheit.json");
        var trainer = new Trainer<double, double, double>(converter.ToFahrenheit, Guide.NumericTolerance<double>(0.01),
            new OptoPrime(converter.Parameters, llm),
            // One example at a time and a fixed seed: the prompt must be the same on every run to match the cassette.
            new TrainerOptions { MaxSteps = 3, BatchSize = 3, Seed = 1, MaxDegreeOfParallelism = 1, Patience = 1 });

        var result = await trainer.TrainAsync(Temperatures, Temperatures);

        Assert.Equal(1.0, result.BestScore);
        Assert.True(result.LastStep <= 3);
        Assert.Equal(1.8, converter.Scale.Value, precision: 6);
        Assert.Equal(32.0, converter.Offset.Value, precision: 6);
    }

    [Fact]
    public async Task Strict_replay_fails_with_a_diff_when_the_prompt_changes()
    {
        var converter = new TemperatureConverter();
        using var llm = CassetteChatClient.Replay(CassettePath("fahrenheit.json"));
        var optimizer = new OptoPrime(converter.Parameters, llm);
        using (TraceScope.Begin())
        {
            // Other feedback than the recorded run gave: the request is not in the cassette.
            converter.ToFahrenheit(20).Backward("The result should be 68.");
        }

        var error = await Assert.ThrowsAsync<CassetteMismatchException>(() => optimizer.StepAsync());
        Assert.Contains("68", error.Message);
    }

    [Fact]
    public async Task A_scripted_LLM_answers_in_the_test_and_the_request_can_be_checked()
    {
        var converter = new TemperatureConverter();
        using var llm = new ScriptedChatClient(JsonSerializer.Serialize(new
        {
            reasoning = "0 °C must give 32 °F and each degree Celsius is 1.8 °F.",
            suggestion = new { Scale = 1.8, Offset = 32.0 },
        }));
        var optimizer = new OptoPrime(converter.Parameters, llm);
        using (TraceScope.Begin())
        {
            var output = converter.ToFahrenheit(100);
            output.Backward($"Expected 212, got {output.Value}.");
        }

        var step = await optimizer.StepAsync();

        Assert.True(step.Changed);
        Assert.Equal(1.8, converter.Scale.Value);
        Assert.Equal(32.0, converter.Offset.Value);
        var request = Assert.Single(llm.Requests);
        Assert.Contains("Expected 212, got 100.", request.Transcript);
        Assert.Contains("Offset", request.Transcript);
    }

    /// <summary>Replays the cassette (the default), or records it when OPTO_CASSETTE_MODE=record and a provider is configured.</summary>
    private static CassetteChatClient Cassette(string name) =>
        CassetteChatClient.FromEnvironment(CassettePath(name), () => LlmClientFactory.TryCreate(null, null, out var live, out var problem)
            ? live
            : throw new InvalidOperationException("Recording needs a provider. " + problem));

    // The cassettes live beside this source file, so that recording writes the file that is committed.
    private static string CassettePath(string name, [CallerFilePath] string source = "") =>
        Path.Combine(Path.GetDirectoryName(source)!, "Cassettes", name);
}
