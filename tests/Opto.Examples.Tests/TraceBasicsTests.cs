using System.Text.Json;
using Opto.LLamaSharp.Tests.Gguf;
using Opto.Testing;

namespace Opto.Examples.Tests;

/// <summary>The README's main command, end to end: offline, and against an OpenAI-compatible server on loopback.</summary>
public sealed class TraceBasicsTests : IDisposable
{
    private readonly string _dot = Path.Combine(Path.GetTempPath(), $"opto-quote-{Guid.NewGuid():N}.dot");

    public void Dispose() => File.Delete(_dot);

    [Fact]
    public async Task Offline_it_traces_the_workflow_prints_the_problem_and_says_how_to_add_a_provider()
    {
        var (exitCode, output) = await ExampleProcess.RunAsync("Opto.Examples.TraceBasics", args: _dot);

        Assert.Equal(0, exitCode);
        Assert.Contains("checks passed: 0/3", output);
        Assert.Contains("#Feedback", output);
        Assert.Contains("exception_divide_0 = divide(x: list_price_whole_0, y: Quote.Installments)", output);
        Assert.Contains("No LLM provider is configured", output);
        var dot = await File.ReadAllTextAsync(_dot);
        Assert.StartsWith("digraph", dot);
        Assert.Contains("\"Quote.Discount\"", dot);
    }

    [Fact]
    public async Task With_a_provider_OptoPrime_fixes_all_three_parameters()
    {
        await using var server = new LoopbackOpenAIServer();
        var answer = JsonSerializer.Serialize(new
        {
            reasoning = "Lower the discount, greet the customer by name, spread the price over three months.",
            suggestion = new Dictionary<string, object>
            {
                ["Quote.Discount"] = 0.05,
                ["Quote.Greeting"] = "Dear Ada Lovelace,",
                ["Quote.Installments"] = 3,
            },
        });
        server.EnqueueCompletion(answer);

        var (exitCode, output) = await ExampleProcess.RunAsync("Opto.Examples.TraceBasics", ExampleProcess.ScriptedLlm(server), _dot);

        Assert.Equal(0, exitCode);
        Assert.Contains("Final score 3/3: discount 0.05, greeting \"Dear Ada Lovelace,\", installments 3", output);
        var request = Assert.Single(server.Requests);
        Assert.EndsWith("/chat/completions", request.Path);
        Assert.Contains("Quote.Installments", request.Body);
        Assert.Contains("DivideByZeroException", request.Body);
    }

    [Fact]
    public async Task With_a_local_gguf_model_the_gibberish_answers_end_as_recorded_noops_not_a_crash()
    {
        var model = new TinyLlamaModel().SaveToTempFile();
        try
        {
            var (exitCode, output) = await ExampleProcess.RunAsync("Opto.Examples.TraceBasics", new Dictionary<string, string>
            {
                ["OPTO_LLM_PROVIDER"] = "gguf",
                ["OPTO_LLM_MODEL"] = model,
                ["OPTO_LLM_MAX_TOKENS"] = "24",
                ["OPTO_LLM_CONTEXT_SIZE"] = "16384",
            }, _dot);

            Assert.Equal(0, exitCode);
            Assert.Contains("round 5: step 5: no change", output);
            Assert.Contains("Final score 0/3", output);
        }
        finally
        {
            File.Delete(model);
        }
    }

    [Fact]
    public async Task The_trainable_class_example_traces_generated_methods_swaps_a_body_and_round_trips_its_parameters()
    {
        var (exitCode, output) = await ExampleProcess.RunAsync("Opto.Examples.TrainableClass");

        Assert.Equal(0, exitCode);
        Assert.Contains("\"Discount\" -> \"Price_0\"", output);
        Assert.Contains("Installments for 1200 EUR: 12 plain, 12 traced", output);
        Assert.Contains("loaded 4 values", output);
        Assert.Contains("installments for 1200 EUR = 12", output);
    }
}
