using System.Globalization;
using System.Text.Json;
using System.Text.RegularExpressions;
using Opto.Runs;
using Opto.Testing;

namespace Opto.Examples.Tests;

/// <summary>The README's main job, 01-Quickstart, end to end: offline with the search, and with a scripted LLM.</summary>
public sealed partial class QuickstartTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("opto-quickstart-").FullName;

    private string StorePath => Path.Combine(_folder, "runs.db");

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    [Fact]
    public async Task Offline_the_search_improves_the_numbers_and_the_choice_stores_the_run_and_draws_the_plot()
    {
        var (exitCode, output) = await RunAsync(null, "--steps", "25");

        Assert.True(exitCode == 0, output);
        var (before, after) = Scores(output);
        Assert.True(after > before + 0.1, $"The score went from {before} to {after}:\n{output}");
        Assert.Contains("right team                       20/31   31/31", output);
        Assert.Contains("Left as they are (text needs an LLM): ReplyTemplate.", output);
        Assert.Contains("OPTO_LLM_PROVIDER", output);

        var key = RunKey(output);
        using (var store = RunStore.Open(StorePath, createIfMissing: false))
        {
            var run = store.GetRun(key);
            Assert.Equal("CombinedSearch", run.Summary.Optimizer);
            Assert.Equal(25, run.Steps.Count);
            Assert.Equal(["UrgentThreshold", "WaitWeight", "FallbackTeam"], run.InitialParameters.Select(p => p.Name));
            Assert.True(store.GetLineage(key, "UrgentThreshold").Count > 1, "The threshold never got a new version.");
            Assert.Contains(store.GetLineage(key, "FallbackTeam"), v => v.ValueJson == "\"accounts\"");
        }

        var plot = Regex.Match(output, @"Score plot: (.+\.png)").Groups[1].Value;
        var bytes = await File.ReadAllBytesAsync(plot);
        Assert.Equal(new byte[] { 0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A }, bytes[..8]);
    }

    [Fact]
    public async Task Running_it_again_starts_a_new_run_and_a_finished_run_cannot_be_resumed()
    {
        var first = await RunAsync(null, "--steps", "3");
        var second = await RunAsync(null, "--steps", "3");
        var resumed = await RunAsync(null, "--resume", RunKey(first.Output));

        Assert.Equal(0, first.ExitCode);
        Assert.Equal(0, second.ExitCode);
        Assert.NotEqual(RunKey(first.Output), RunKey(second.Output));
        using (var store = RunStore.Open(StorePath, createIfMissing: false))
        {
            Assert.Equal(2, store.ListRuns().Count);
        }

        Assert.Equal(1, resumed.ExitCode);
        Assert.Contains($"Cannot resume '{RunKey(first.Output)}'", resumed.Output);
    }

    [Fact]
    public async Task With_a_provider_OptoPrime_changes_all_four_parameters_from_the_feedback()
    {
        await using var server = new LoopbackOpenAIServer();
        server.EnqueueCompletion(JsonSerializer.Serialize(new
        {
            reasoning = "Urgent tickets are missed and account questions go to the wrong team; the reply is not personal.",
            suggestion = new Dictionary<string, object>
            {
                ["UrgentThreshold"] = 5.0,
                ["WaitWeight"] = 0.25,
                ["FallbackTeam"] = "accounts",
                ["ReplyTemplate"] = "Hello {customer}, we have logged ticket {ticket} and will answer within a day.",
            },
        }));

        var (exitCode, output) = await RunAsync(ExampleProcess.ScriptedLlm(server), "--steps", "1");

        Assert.True(exitCode == 0, output);
        Assert.Contains("with OptoPrime", output);
        Assert.True(Scores(output) == (0.41, 1.00), output);
        Assert.Contains("reply names customer and ticket  0/31    31/31", output);
        Assert.DoesNotContain("Left as they are", output);

        // The optimizer saw the traced workflow, the text parameter and the guide's feedback.
        var request = Assert.Single(server.Requests);
        Assert.Contains("ReplyTemplate", request.Body);
        Assert.Contains("Decide", request.Body);
        Assert.Contains("the reply must greet the customer by name and quote the ticket number", request.Body);

        using var store = RunStore.Open(StorePath, createIfMissing: false);
        var key = RunKey(output);
        Assert.Equal("OptoPrime", store.GetRun(key).Summary.Optimizer);
        var reply = store.GetLineage(key, "ReplyTemplate");
        Assert.Equal("\"Hello {customer}, we have logged ticket {ticket} and will answer within a day.\"", reply[^1].ValueJson);
        Assert.Equal(1, reply[^1].Step);
    }

    private Task<(int ExitCode, string Output)> RunAsync(Dictionary<string, string>? environment, params string[] args)
    {
        environment ??= [];
        environment["OPTO_RUNS_DB"] = StorePath;
        return ExampleProcess.RunAsync("Opto.Examples.Quickstart", environment, args);
    }

    private static (double Before, double After) Scores(string output)
    {
        var match = ScoreRow().Match(output);
        Assert.True(match.Success, output);
        return (double.Parse(match.Groups[1].Value, CultureInfo.InvariantCulture), double.Parse(match.Groups[2].Value, CultureInfo.InvariantCulture));
    }

    private static string RunKey(string output) => Regex.Match(output, "Run '([^']+)'").Groups[1].Value;

    [GeneratedRegex(@"^score\s+([\d.]+)\s+([\d.]+)", RegexOptions.Multiline)]
    private static partial Regex ScoreRow();
}
