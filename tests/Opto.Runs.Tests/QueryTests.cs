using System.Text.Json;
using Opto.Runs.CrashHost;
using Opto.Trainer.Runs;

namespace Opto.Runs.Tests;

public sealed class QueryTests : IDisposable
{
    private readonly TempDirectory _temp = new();
    private readonly RunStore _store;

    public QueryTests() => _store = RunStore.Open(_temp.File("runs.db"));

    public void Dispose()
    {
        _store.Dispose();
        _temp.Dispose();
    }

    [Fact]
    public async Task The_listing_shows_each_run_with_its_status_steps_and_best_score()
    {
        await TestRuns.DriveAsync(_store.OpenJournal(), 6, new RunEnd(RunStatus.Completed, 0.99, null));
        var journal = _store.OpenJournal();
        await journal.BeginAsync(TestRuns.Start("second"));
        await journal.RecordStepAsync(TestRuns.Step(1, 0.4) with { ValidationScore = 0.3 });
        await journal.RecordStepAsync(TestRuns.Step(2, 0.6) with { ValidationScore = 0.2 });

        var runs = _store.ListRuns();

        Assert.Equal(["crash-test", "second"], runs.Select(r => r.Key));
        Assert.Equal((RunStatus.Completed, 6, 0.99), (runs[0].Status, runs[0].Steps, runs[0].BestScore));
        Assert.Equal((RunStatus.Running, 2, 0.3), (runs[1].Status, runs[1].Steps, runs[1].BestScore));
        Assert.Null(_store.FindRun("third"));
    }

    [Fact]
    public async Task A_run_shows_its_steps_with_scores_changes_and_call_totals()
    {
        var recorded = await TestRuns.DriveAsync(_store.OpenJournal(), 5);

        var run = _store.GetRun(DeterministicDriver.RunKey);

        Assert.Equal(DeterministicDriver.Start().Parameters, run.InitialParameters);
        Assert.Equal(recorded.Select(r => (r.Number, r.Score, r.ValidationScore)), run.Steps.Select(s => (s.Number, s.Score, s.ValidationScore)));
        var third = run.Steps[2];
        Assert.Equal(["prompt", "temperature"], third.Changes.Select(c => c.Name));
        Assert.Equal(recorded[2].Changes, third.Changes);
        Assert.Equal((3, 1, 103L, 0.0003m, true), (third.ExampleCount, third.LlmCallCount, third.InputTokens, third.Cost, third.HasGraph));
        Assert.False(run.Steps[1].HasGraph);
    }

    [Fact]
    public async Task A_step_reads_back_as_it_was_recorded()
    {
        var recorded = await TestRuns.DriveAsync(_store.OpenJournal(), 5);

        foreach (var expected in recorded)
        {
            var actual = _store.GetStep(DeterministicDriver.RunKey, expected.Number);
            Assert.Equal(JsonSerializer.Serialize(expected), JsonSerializer.Serialize(actual));
        }
    }

    [Fact]
    public async Task The_lineage_of_a_parameter_lists_every_version_with_the_feedback_and_reason_that_produced_it()
    {
        var recorded = await TestRuns.DriveAsync(_store.OpenJournal(), 7);

        var prompt = _store.GetLineage(DeterministicDriver.RunKey, "prompt");

        Assert.Equal([0, 3, 6], prompt.Select(v => v.Step));
        Assert.Equal([0, 1, 2], prompt.Select(v => v.Version));
        Assert.Equal([null, "the answers ignored the format", "the answers ignored the format"], prompt.Select(v => v.Feedback));
        Assert.Equal([null, "added a rule", "added a rule"], prompt.Select(v => v.Reason));
        Assert.Null(prompt[0].PreviousValueJson);
        Assert.Equal(prompt[1].ValueJson, prompt[2].PreviousValueJson);
        Assert.Equal("\"Answer briefly. Rule 3. Rule 6.\"", prompt[2].ValueJson);

        var temperature = _store.GetLineage(DeterministicDriver.RunKey, "temperature");
        Assert.Equal(8, temperature.Count);
        Assert.Equal(recorded[^1].Parameters.Single(p => p.Name == "temperature").ValueJson, temperature[^1].ValueJson);
        Assert.True(_store.GetLineage(DeterministicDriver.RunKey, "Route")[1].IsCode);
    }

    [Fact]
    public async Task A_value_that_changed_without_a_reported_change_still_gets_a_version()
    {
        var journal = _store.OpenJournal();
        await journal.BeginAsync(TestRuns.Start("quiet"));
        await journal.RecordStepAsync(TestRuns.Step(1, 0.6) with { Changes = [] });

        var lineage = _store.GetLineage("quiet", "temperature");

        Assert.Equal(["0.5", "0.6"], lineage.Select(v => v.ValueJson));
        Assert.Null(lineage[1].Feedback);
    }

    [Fact]
    public async Task Unknown_runs_steps_and_parameters_are_named_in_the_error()
    {
        await TestRuns.DriveAsync(_store.OpenJournal(), 2);

        var run = Assert.Throws<KeyNotFoundException>(() => _store.GetRun("nope"));
        var parameter = Assert.Throws<KeyNotFoundException>(() => _store.GetLineage(DeterministicDriver.RunKey, "nope"));
        var step = Assert.Throws<KeyNotFoundException>(() => _store.GetGraphDot(DeterministicDriver.RunKey, 3));

        Assert.Contains("its runs are crash-test", run.Message);
        Assert.Contains("its parameters are prompt, temperature, Route", parameter.Message);
        Assert.Contains("its steps are 1 to 2", step.Message);
    }

    [Fact]
    public async Task Graphs_and_score_curves_come_back_per_step()
    {
        var recorded = await TestRuns.DriveAsync(_store.OpenJournal(), 4);

        Assert.Equal("digraph step3 { temperature -> answer3; }", _store.GetGraphDot(DeterministicDriver.RunKey, 3));
        Assert.Null(_store.GetGraphDot(DeterministicDriver.RunKey, 2));
        var curve = _store.GetScoreCurve(DeterministicDriver.RunKey);
        Assert.Equal(recorded.Select(r => new ScorePoint(r.Number, r.Score, r.ValidationScore)), curve);
    }

    [Fact]
    public async Task Two_steps_compare_by_parameter_values_and_scores()
    {
        var recorded = await TestRuns.DriveAsync(_store.OpenJournal(), 4);

        var diff = _store.CompareSteps(DeterministicDriver.RunKey, 0, 3);

        Assert.Equal(["prompt", "temperature", "Route"], diff.Parameters.Select(p => p.Name));
        Assert.Equal([true, true, false], diff.Parameters.Select(p => p.Differs));
        Assert.Equal("\"Answer briefly. Rule 3.\"", diff.Parameters[0].RightValueJson);
        Assert.Equal(new ComparisonSide("crash-test@0", 0, null, null, null), diff.Left);
        Assert.Equal((3, recorded[2].Score), (diff.Right.Step, diff.Right.Score));
        Assert.Equal(recorded[1].ValidationScore, diff.Right.BestScore);
    }

    [Fact]
    public async Task Two_runs_compare_by_their_final_parameters_and_scores()
    {
        await TestRuns.DriveAsync(_store.OpenJournal(), 3, new RunEnd(RunStatus.Completed, 0.5, null));
        var journal = _store.OpenJournal();
        await journal.BeginAsync(TestRuns.Start("other"));
        await journal.RecordStepAsync(TestRuns.Step(1, 0.9));

        var diff = _store.CompareRuns(DeterministicDriver.RunKey, "other");

        Assert.Equal(["prompt", "temperature", "Route"], diff.Parameters.Select(p => p.Name));
        Assert.Equal("0.9", diff.Parameters[1].RightValueJson);
        Assert.Null(diff.Parameters[0].RightValueJson);
        Assert.All(diff.Parameters, p => Assert.True(p.Differs));
        Assert.Equal(("crash-test", 3, 0.5), (diff.Left.Label, diff.Left.Step, diff.Left.BestScore));
        Assert.Equal(("other", 1, 0.9), (diff.Right.Label, diff.Right.Step, diff.Right.Score));
    }
}
