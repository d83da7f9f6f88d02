using System.Globalization;
using System.Text.Json;
using System.Text.RegularExpressions;
using Opto.Runs;
using Opto.Testing;
using Opto.Trainer.Runs;
using Xunit.Abstractions;

namespace Opto.Examples.Tests;

/// <summary>The teacher–student example as a process: offline with the baseline search, and with a scripted LLM teacher and OptoPrime.</summary>
public sealed partial class TeacherStudentTests(ITestOutputHelper log) : IDisposable
{
    private const string Example = "Opto.Examples.TeacherStudent";
    private readonly string _db = Path.Combine(Path.GetTempPath(), $"opto-teacher-student-{Guid.NewGuid():N}", "runs.db");

    public void Dispose() => Directory.Delete(Path.GetDirectoryName(_db)!, recursive: true);

    [Fact]
    public async Task Offline_the_search_improves_the_per_skill_accuracy_and_the_run_is_stored()
    {
        var (exitCode, output) = await ExampleProcess.RunAsync(Example, new Dictionary<string, string> { ["OPTO_RUNS_DB"] = _db },
            "--rounds", "5", "--budget", "100", "--epochs", "20", "--control");
        log.WriteLine(output);

        Assert.True(exitCode == 0, output);
        Assert.Contains("teacher.instruction is left as is (", output);
        Assert.Contains("OPTO_LLM_PROVIDER=ollama", output);
        var summary = Summary().Match(output);
        Assert.True(summary.Success, output);
        var firstMean = Number(summary.Groups["first"].Value);
        var bestMean = Number(summary.Groups["best"].Value);
        Assert.True(bestMean > firstMean + 0.02, $"The best round ({bestMean}) should beat the first ({firstMean}) clearly.\n{output}");
        Assert.Equal(5, RoundLines().Count(output));
        // Not only more data: the same rounds with the initial policy held fixed end lower.
        var control = Control().Match(output);
        Assert.True(control.Success, output);
        Assert.True(Number(control.Groups["searched"].Value) > Number(control.Groups["fixed"].Value) + 0.02, output);

        using var store = RunStore.Open(_db, createIfMissing: false);
        var run = store.GetRun(RunKey(output));
        Assert.Equal(RunStatus.Completed, run.Summary.Status);
        Assert.Equal(5, run.Steps.Count);
        Assert.Equal(firstMean, run.Steps[0].Score!.Value, 3);
        Assert.Equal(bestMean, run.Summary.BestScore!.Value, 3);
        // The search changed the policy between rounds (the first step scores the initial values).
        Assert.Contains(run.Steps.Skip(1), s => s.Changes.Count > 0);
        Assert.True(File.Exists(PlotPath(output)));
    }

    [Fact]
    public async Task With_an_LLM_the_teacher_writes_the_data_and_OptoPrime_updates_the_policy_from_the_per_skill_report()
    {
        await using var server = new LoopbackOpenAIServer();
        // Round 1: eight good lines (two per skill), one with an unknown skill, one labelled against the xor rule.
        server.EnqueueCompletion("""
            Here are the examples:
            {"skill": "threshold", "x": 0.9, "y": 0.5, "label": 1}
            {"skill": "threshold", "x": -0.5, "y": -0.2, "label": 0}
            {"skill": "xor", "x": 0.5, "y": -0.5, "label": 1}
            {"skill": "xor", "x": 0.3, "y": 0.6, "label": 0}
            {"skill": "xor", "x": 0.5, "y": 0.5, "label": 1}
            {"skill": "ring", "x": 0.5, "y": 0.0, "label": 1}
            {"skill": "ring", "x": 0.9, "y": 0.9, "label": "0"}
            {"skill": "stripes", "x": -0.3, "y": 0.2, "label": 1}
            {"skill": "stripes", "x": 0.2, "y": 0.1, "label": 0}
            {"skill": "spiral", "x": 0.1, "y": 0.1, "label": 1}
            """);
        server.EnqueueCompletion(Suggestion("Write points close to each rule's decision boundary, on both sides.", 0.8));
        // Round 2: three good lines.
        server.EnqueueCompletion("""
            {"skill": "ring", "x": 0.3, "y": 0.0, "label": 0}
            {"skill": "ring", "x": 0.0, "y": 0.4, "label": 1}
            {"skill": "stripes", "x": 0.55, "y": -0.9, "label": 1}
            """);
        server.EnqueueCompletion(Suggestion("Write points close to each rule's decision boundary, on both sides.", 0.8));

        var (exitCode, output) = await ExampleProcess.RunAsync(Example, ExampleProcess.ScriptedLlm(server, _db), "--rounds", "2", "--budget", "8", "--epochs", "5");
        log.WriteLine(output);

        Assert.True(exitCode == 0, output);
        // The seed set has 32 examples; the teacher's 8 kept lines join it in round 1, 3 more in round 2.
        Assert.Contains("8 kept; dropped 2 lines: 1 unreadable, 1 labelled against the skill's rule, 0 beyond the requested count", output);
        Assert.Contains("on 40 examples", output);
        // Round 2 splits its 8 examples by the round-1 errors (focus 0.8), so how many of the 3 lines fit depends on them.
        var round2 = Round2().Match(output);
        Assert.True(round2.Success, output);
        Assert.Equal(40 + int.Parse(round2.Groups["kept"].Value, CultureInfo.InvariantCulture), int.Parse(round2.Groups["total"].Value, CultureInfo.InvariantCulture));
        Assert.Contains("round 2: focus 0.80, instruction v1 \"Write points close to each rule's decision boundary, on both sides.\"", output);

        var requests = server.Requests.ToArray();
        Assert.Equal(4, requests.Length);
        Assert.Contains("Write 2 examples for 'threshold', 2 examples for 'xor', 2 examples for 'ring', 2 examples for 'stripes'", Unescape(requests[0].Body));
        var optimizerRequest = Unescape(requests[1].Body);
        log.WriteLine(optimizerRequest);
        Assert.Contains("teacher.instruction", optimizerRequest);
        Assert.Contains("per skill, weakest first", optimizerRequest);
        Assert.Contains("1 labelled against the skill's rule", optimizerRequest);
        Assert.Contains("Write points close to each rule's decision boundary, on both sides.", Unescape(requests[2].Body));

        using var store = RunStore.Open(_db, createIfMissing: false);
        var run = store.GetRun(RunKey(output));
        Assert.Equal("OptoPrime", run.Summary.Optimizer);
        Assert.Equal(2, run.Steps.Count);
        Assert.Contains(run.Steps[0].Changes, c => c.Name == "teacher.focus" && c.NewValueJson == "0.8");
        Assert.True(run.Steps[0].LlmCallCount >= 2); // the optimizer's call and the teacher's
        Assert.Contains(store.GetStep(run.Summary.Key, 1).LlmCalls, c => c.Purpose == "teacher" && c.Response!.Contains("threshold", StringComparison.Ordinal));
    }

    private static string Suggestion(string instruction, double focus) => JsonSerializer.Serialize(new
    {
        reasoning = "The weakest skills need more, better-placed examples.",
        suggestion = new Dictionary<string, object> { ["teacher.instruction"] = instruction, ["teacher.focus"] = focus },
    });

    // Every string in a request body, decoded (the prompt texts, whatever the message layout).
    private static string Unescape(string json)
    {
        var texts = new List<string>();
        Collect(JsonDocument.Parse(json).RootElement);
        return string.Join("\n", texts);

        void Collect(JsonElement element)
        {
            switch (element.ValueKind)
            {
                case JsonValueKind.String:
                    texts.Add(element.GetString()!);
                    break;
                case JsonValueKind.Object:
                    foreach (var property in element.EnumerateObject())
                    {
                        Collect(property.Value);
                    }

                    break;
                case JsonValueKind.Array:
                    foreach (var item in element.EnumerateArray())
                    {
                        Collect(item);
                    }

                    break;
            }
        }
    }

    private static double Number(string text) => double.Parse(text, CultureInfo.InvariantCulture);

    private static string RunKey(string output) => RunLine().Match(output) is { Success: true } m ? m.Groups["key"].Value : throw new Xunit.Sdk.XunitException(output);

    private static string PlotPath(string output) => PlotLine().Match(output) is { Success: true } m ? m.Groups["path"].Value.Trim() : throw new Xunit.Sdk.XunitException(output);

    [GeneratedRegex(@"first round (?<first>\d\.\d{3}), best round (?<round>\d+) (?<best>\d\.\d{3})")]
    private static partial Regex Summary();

    [GeneratedRegex(@"initial policy kept for all 5 rounds ends at mean (?<fixed>\d\.\d{3}); the searched policies end at (?<searched>\d\.\d{3})")]
    private static partial Regex Control();

    [GeneratedRegex(@"^round \d+: ", RegexOptions.Multiline)]
    private static partial Regex RoundLines();

    [GeneratedRegex(@"^round 2: .*; (?<kept>\d+) kept.* on (?<total>\d+) examples", RegexOptions.Multiline)]
    private static partial Regex Round2();

    [GeneratedRegex(@"Run '(?<key>[^']+)'")]
    private static partial Regex RunLine();

    [GeneratedRegex(@"Score plot: (?<path>.+)$", RegexOptions.Multiline)]
    private static partial Regex PlotLine();
}
