using System.Text.Json;
using Opto.Runs;
using Opto.Testing;

namespace Opto.Examples.Tests;

/// <summary>Example 05: a buggy [Trainable] method repaired from failing checks, offline and with a scripted LLM.</summary>
public sealed class CodeRepairTests : IDisposable
{
    private const string Example = "Opto.Examples.CodeRepair";

    // A first proposal that throws on most inputs: its exceptions must come back as feedback, not end the run.
    private const string ThrowingBody = """
        public int ParseDuration(string text) => (int)TimeSpan.Parse(text, System.Globalization.CultureInfo.InvariantCulture).TotalSeconds;
        """;

    private const string FixedBody = """
        public int ParseDuration(string text)
        {
            var total = 0;
            var number = 0;
            foreach (var c in text.ToLowerInvariant())
            {
                if (char.IsDigit(c))
                {
                    number = (number * 10) + (c - '0');
                    continue;
                }

                var unit = c switch { 'd' => 86400, 'h' => 3600, 'm' => 60, 's' => 1, _ => 0 };
                if (unit > 0)
                {
                    total += number * unit;
                    number = 0;
                }
            }

            return total + number; // repaired: a trailing bare number counts as seconds
        }
        """;

    private readonly string _runs = Path.Combine(Path.GetTempPath(), $"opto-code-repair-{Guid.NewGuid():N}.db");

    public void Dispose()
    {
        foreach (var file in new[] { _runs, _runs + "-wal", _runs + "-shm" })
        {
            File.Delete(file);
        }
    }

    [Fact]
    public async Task Offline_it_runs_the_checks_prints_the_problem_and_stores_the_evaluation()
    {
        var (exitCode, output) = await ExampleProcess.RunAsync(Example, new Dictionary<string, string> { ["OPTO_RUNS_DB"] = _runs });

        Assert.True(exitCode == 0, output);
        Assert.Contains("[pass] hours and minutes: \"1h30m\" -> 5400", output);
        Assert.Contains("[FAIL] a bare number is seconds: 1 of 2 checks failed: - returns the expected seconds: ParseDuration(\"90\") returned 0; expected 90.", output);
        Assert.Contains("#Variables", output);
        Assert.Contains("code ParseDuration = \"\"\"", output);
        Assert.Contains("ParseDuration(\"1d2h\") returned 43200; expected 93600.", output);
        Assert.Contains("No LLM provider is configured, so nothing was repaired: set OPTO_LLM_PROVIDER", output);

        using var store = RunStore.Open(_runs, createIfMissing: false);
        var run = Assert.Single(store.ListRuns());
        var details = store.GetRun(run.Key);
        var step = Assert.Single(details.Steps);
        Assert.Equal(5.0 / 7, step.Score!.Value, 6);   // three cases pass both checks, four pass one of two
        Assert.Empty(step.Changes);
    }

    [Fact]
    public async Task With_a_provider_a_throwing_body_becomes_feedback_and_the_next_body_passes_every_check()
    {
        await using var server = new LoopbackOpenAIServer();
        server.EnqueueCompletion(JsonSerializer.Serialize(new
        {
            reasoning = "TimeSpan already parses durations.",
            suggestion = new Dictionary<string, object> { ["ParseDuration"] = ThrowingBody },
        }));
        server.EnqueueCompletion(JsonSerializer.Serialize(new
        {
            reasoning = "Count days, read units in any case, and add the number left at the end as seconds.",
            suggestion = new Dictionary<string, object> { ["ParseDuration"] = FixedBody },
        }));

        var (exitCode, output) = await ExampleProcess.RunAsync(Example, ExampleProcess.ScriptedLlm(server, _runs), "2");

        Assert.True(exitCode == 0, output);
        // 71 %: the four failing cases each pass one of their two checks. 7 %: TimeSpan reads "90" as days, and throws on the rest.
        Assert.Contains("step 1: checks passed 71 % before the step, 7 % after; changed ParseDuration", output);
        Assert.Contains("step 2: checks passed 7 % before the step, 100 % after; changed ParseDuration", output);
        Assert.Contains("[pass] units in upper case: \"2H\" -> 7200", output);
        Assert.Contains("Passed 3/7 before, 7/7 after.", output);
        Assert.Contains("ParseDurationTrained(\"2m30\") = 150", output);
        Assert.Contains("return total + number; // repaired", output);

        // The optimizer saw the failing checks and the code to change, then the exceptions of its own proposal.
        var requests = server.Requests.ToArray();
        Assert.Equal(2, requests.Length);
        Assert.Contains("ParseDuration(\\\"90\\\") returned 0; expected 90.", requests[0].Body);
        Assert.Contains("else if (c == 's')", requests[0].Body);
        Assert.Contains("FormatException", requests[1].Body);
        Assert.Contains("TimeSpan.Parse", requests[1].Body);

        using var store = RunStore.Open(_runs, createIfMissing: false);
        var run = Assert.Single(store.ListRuns());
        var steps = store.GetRun(run.Key).Steps;
        Assert.Equal(2, steps.Count);
        Assert.Equal(1.0, steps[1].ValidationScore);
        Assert.All(steps, step => Assert.Equal("ParseDuration", Assert.Single(step.Changes).Name));
    }
}
