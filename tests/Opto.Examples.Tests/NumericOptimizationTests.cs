using System.Globalization;
using System.Text.Json;
using System.Text.RegularExpressions;
using Opto.Runs;
using Opto.Testing;

namespace Opto.Examples.Tests;

/// <summary>04-NumericOptimization: the search offline, then OptoPrime against a scripted server, from the same start.</summary>
public sealed class NumericOptimizationTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("opto-numeric-").FullName;

    private string StorePath => Path.Combine(_folder, "runs.db");

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    [Fact]
    public async Task Offline_the_search_lowers_the_error_and_says_OptoPrime_needs_a_provider()
    {
        var (exitCode, output) = await ExampleProcess.RunAsync("Opto.Examples.NumericOptimization",
            new Dictionary<string, string> { ["OPTO_RUNS_DB"] = StorePath }, "--search-steps", "60");

        Assert.True(exitCode == 0, output);
        var start = Error(output, "Starting point");
        var searched = Error(output, "Search (no LLM)");
        Assert.Equal(7.99, start);
        Assert.True(searched < start / 2, output);
        Assert.Contains("OptoPrime:       not run, no LLM is configured", output);

        using var store = RunStore.Open(StorePath, createIfMissing: false);
        var run = Assert.Single(store.ListRuns());
        Assert.StartsWith("numeric-search-", run.Key);
        Assert.Equal(60, run.Steps);
        Assert.True(store.GetLineage(run.Key, "PerKg").Count > 1);
    }

    [Fact]
    public async Task With_a_provider_OptoPrime_reads_the_errors_and_its_answer_is_compared_with_the_search()
    {
        await using var server = new LoopbackOpenAIServer();
        server.EnqueueCompletion(JsonSerializer.Serialize(new
        {
            reasoning = "Every quote is too low and grows too slowly with distance and weight.",
            suggestion = new Dictionary<string, object> { ["BaseFee"] = 4.5, ["PerKm"] = 0.8, ["PerKg"] = 1.2 },
        }));

        var (exitCode, output) = await ExampleProcess.RunAsync("Opto.Examples.NumericOptimization", ExampleProcess.ScriptedLlm(server, StorePath), "--search-steps", "20", "--llm-steps", "1");

        Assert.True(exitCode == 0, output);
        Assert.Contains("fee 4.50 + 0.800/km + 1.200/kg; 1 steps", output);
        Assert.True(Error(output, "OptoPrime") < 0.3, output);
        Assert.True(Error(output, "OptoPrime") < Error(output, "Search (no LLM)"), output);

        var request = Assert.Single(server.Requests);
        Assert.Contains("PerKm", request.Body);
        Assert.Contains("the courier charged", request.Body);
        Assert.Contains("too low by", request.Body);

        using var store = RunStore.Open(StorePath, createIfMissing: false);
        Assert.Equal(2, store.ListRuns().Count);
        var llmRun = store.ListRuns().Single(r => r.Key.StartsWith("numeric-optoprime-", StringComparison.Ordinal));
        Assert.Equal("OptoPrime", llmRun.Optimizer);
        Assert.Equal("1.2", store.GetLineage(llmRun.Key, "PerKg")[^1].ValueJson);
    }

    private static double Error(string output, string label)
    {
        var match = Regex.Match(output, Regex.Escape(label) + @":\s+mean error ([\d.]+) EUR");
        Assert.True(match.Success, output);
        return double.Parse(match.Groups[1].Value, CultureInfo.InvariantCulture);
    }
}
