using System.Text.Json;
using Opto.Runs;
using Opto.Testing;

namespace Opto.Examples.Tests;

/// <summary>
/// Example 08: a Semantic Kernel agent redesigned against a task suite. Offline, a search tunes its tool settings;
/// with a provider, the loopback server plays both the agent's model and the optimizer (one queue, in call order).
/// </summary>
public sealed class AgentDesignTests : IDisposable
{
    private const string Example = "Opto.Examples.AgentDesign";

    // Before training, nine of the twelve tasks reach the model (calculator and lookup are off, two tasks fit no tool):
    // nine calls for the evaluation before training and nine for the first training batch, then the optimizer's call.
    private const int ModelCallsBeforeTheOptimizer = 18;

    private const string RedesignedWorkflow = """
        using System.Globalization;
        using System.Text.RegularExpressions;

        public async Task<string> SolveAsync(string task, Toolbox tools)
        {
            var arithmetic = Regex.Match(task, @"(-?\d+(?:\.\d+)?)\s*([-+*/])\s*(-?\d+(?:\.\d+)?)");
            if (arithmetic.Success && await tools.CalculateAsync(Number(arithmetic.Groups[1].Value), arithmetic.Groups[2].Value, Number(arithmetic.Groups[3].Value)) is { } result)
            {
                return result;
            }

            var conversion = Regex.Match(task, @"[Cc]onvert (-?\d+(?:\.\d+)?) (\w+) to (\w+)");
            if (conversion.Success && await tools.ConvertAsync(Number(conversion.Groups[1].Value), conversion.Groups[2].Value, conversion.Groups[3].Value) is { } converted)
            {
                return converted;
            }

            // "How many minutes are in 2.5 hours?"
            var worded = Regex.Match(task, @"How many (\w+) are in (-?\d+(?:\.\d+)?) (\w+)");
            if (worded.Success && await tools.ConvertAsync(Number(worded.Groups[2].Value), Unit(worded.Groups[3].Value), Unit(worded.Groups[1].Value)) is { } reworded)
            {
                return reworded;
            }

            // "What do 3 Falcon lamps cost in total?": look the price up, then multiply by the count.
            var count = Regex.Match(task, @"\b(\d+) [A-Z]");
            if (await tools.LookupAsync(count.Success ? task.Replace(" cost", " price") : task) is { } fact)
            {
                return count.Success && await tools.CalculateAsync(Number(count.Groups[1].Value), "*", Number(fact)) is { } total ? total : fact;
            }

            return await tools.AskModelAsync(task);

            static double Number(string text) => double.Parse(text, CultureInfo.InvariantCulture);
            static string Unit(string word) => word switch { "minutes" => "min", "hours" => "h", _ => word };
        }
        """;

    private readonly string _runs = Path.Combine(Path.GetTempPath(), $"opto-agent-design-{Guid.NewGuid():N}.db");

    public void Dispose()
    {
        foreach (var file in new[] { _runs, _runs + "-wal", _runs + "-shm" })
        {
            File.Delete(file);
        }
    }

    [Fact]
    public async Task Offline_a_search_tunes_the_tool_settings_and_says_what_it_left()
    {
        var (exitCode, output) = await ExampleProcess.RunAsync(Example, new Dictionary<string, string> { ["OPTO_RUNS_DB"] = _runs }, "20");

        Assert.True(exitCode == 0, output);
        Assert.Contains("Before: 0/12 tasks answered correctly; calculator False, converter True, lookup False, decimals 0", output);
        Assert.Contains("After:  10/12 tasks answered correctly; calculator True, converter True, lookup True", output);
        Assert.Contains("still wrong: worded conversion", output);
        Assert.Contains("The code of SolveAsync is unchanged.", output);
        Assert.Contains("Left as they were: Instructions and Temperature", output);
        Assert.Contains("No LLM provider is configured, so the agent had no model", output);

        using var store = RunStore.Open(_runs, createIfMissing: false);
        var run = Assert.Single(store.ListRuns());
        var steps = store.GetRun(run.Key).Steps;
        Assert.Equal(20, steps.Count);
        Assert.Contains(steps, s => s.Changes.Any(c => c.Name == "UseLookup"));
        Assert.DoesNotContain(steps, s => s.Changes.Any(c => c.Name is "SolveAsync" or "Instructions" or "Temperature"));
    }

    [Fact]
    public async Task With_a_provider_OptoPrime_redesigns_instructions_settings_and_workflow()
    {
        await using var server = new LoopbackOpenAIServer();
        for (var i = 0; i < ModelCallsBeforeTheOptimizer; i++)
        {
            server.EnqueueCompletion("I believe the answer is 42.");
        }

        server.EnqueueCompletion(JsonSerializer.Serialize(new
        {
            reasoning = "The model guesses; the tools are exact. Turn them all on, keep two decimals and route the two remaining tasks in code.",
            suggestion = new Dictionary<string, object>
            {
                ["Instructions"] = "Answer with the number first, then its unit.",
                ["Temperature"] = 0.2,
                ["UseCalculator"] = true,
                ["UseLookup"] = true,
                ["Decimals"] = 2,
                ["SolveAsync"] = RedesignedWorkflow,
            },
        }));

        var (exitCode, output) = await ExampleProcess.RunAsync(Example, ExampleProcess.ScriptedLlm(server, _runs), "1");

        Assert.True(exitCode == 0, output);
        Assert.Contains("Before: 0/12 tasks answered correctly", output);
        Assert.Contains("step 1: 0 % correct, after the proposal 100 %", output);
        Assert.Contains("After:  12/12 tasks answered correctly; calculator True, converter True, lookup True, decimals 2, temperature 0.2", output);
        Assert.Contains("Instructions: \"Answer with the number first, then its unit.\"", output);
        Assert.Contains("SolveAsync now runs this code:", output);

        // The agent's model got the instructions, the temperature and a task; the optimizer got the whole design.
        var requests = server.Requests.ToArray();
        Assert.Equal(ModelCallsBeforeTheOptimizer + 1, requests.Length);
        Assert.Contains("You are a helpful assistant.", requests[0].Body);
        Assert.Contains("\"temperature\":0.7", requests[0].Body);
        Assert.Contains("What is 17 * 23?", requests[0].Body);
        var optimizerRequest = requests[^1].Body;
        Assert.Contains("UseCalculator", optimizerRequest);
        Assert.Contains("AskModelAsync", optimizerRequest);
        Assert.Contains("expected 391", optimizerRequest);

        using var store = RunStore.Open(_runs, createIfMissing: false);
        var run = Assert.Single(store.ListRuns());
        var step = Assert.Single(store.GetRun(run.Key).Steps);
        Assert.Equal(1.0, step.ValidationScore);
        Assert.Contains(step.Changes, c => c.Name == "SolveAsync");
        Assert.Contains(step.Changes, c => c.Name == "Instructions");
    }
}
