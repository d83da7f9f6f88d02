using Opto.Trainer.Runs;

namespace Opto.Runs.Tests;

public sealed class JournalTests : IDisposable
{
    private readonly TempDirectory _temp = new();
    private readonly RunStore _store;

    public JournalTests() => _store = RunStore.Open(_temp.File("runs.db"));

    public void Dispose()
    {
        _store.Dispose();
        _temp.Dispose();
    }

    [Fact]
    public async Task A_new_key_starts_a_run_and_returns_no_resume_point()
    {
        var resume = await _store.OpenJournal().BeginAsync(TestRuns.Start("fresh"));

        Assert.Null(resume);
        var run = Assert.Single(_store.ListRuns());
        Assert.Equal(("fresh", RunStatus.Running, 0), (run.Key, run.Status, run.Steps));
    }

    [Fact]
    public async Task An_unfinished_run_without_steps_resumes_at_step_zero_with_its_initial_parameters()
    {
        await _store.OpenJournal().BeginAsync(TestRuns.Start("r"));

        var resume = await _store.OpenJournal().BeginAsync(TestRuns.Start("r"));

        Assert.NotNull(resume);
        Assert.Equal(0, resume.LastCompletedStep);
        Assert.Equal("{}", resume.StateJson);
        Assert.Equal([TestRuns.Temperature(0.5)], resume.Parameters);
    }

    [Fact]
    public async Task An_unfinished_run_resumes_after_its_last_step_with_that_steps_parameters_and_state()
    {
        var journal = _store.OpenJournal();
        await journal.BeginAsync(TestRuns.Start("r"));
        await journal.RecordStepAsync(TestRuns.Step(1, 0.6));
        await journal.RecordStepAsync(TestRuns.Step(2, 0.8));

        var resumed = _store.OpenJournal();
        var resume = await resumed.BeginAsync(TestRuns.Start("r"));
        await resumed.RecordStepAsync(TestRuns.Step(3, 0.9));

        Assert.NotNull(resume);
        Assert.Equal(2, resume.LastCompletedStep);
        Assert.Equal("""{"step":2}""", resume.StateJson);
        Assert.Equal([TestRuns.Temperature(0.8, version: 2)], resume.Parameters);
        Assert.Equal(3, _store.FindRun("r")!.Steps);
    }

    [Fact]
    public async Task Settings_that_differ_only_in_spacing_and_order_still_resume()
    {
        await _store.OpenJournal().BeginAsync(TestRuns.Start("r"));

        var resume = await _store.OpenJournal().BeginAsync(TestRuns.Start("r") with { SettingsJson = """{ "batch": 2, "seed": 1 }""" });

        Assert.NotNull(resume);
    }

    [Fact]
    public async Task A_finished_run_is_refused_with_how_to_start_a_new_one()
    {
        var journal = _store.OpenJournal();
        await journal.BeginAsync(TestRuns.Start("done"));
        await journal.CompleteAsync(new RunEnd(RunStatus.Completed, 0.9, null));

        var error = await Assert.ThrowsAsync<InvalidOperationException>(async () => await _store.OpenJournal().BeginAsync(TestRuns.Start("done")));

        Assert.Contains("'done' already ended (Completed)", error.Message);
        Assert.Contains("another run key", error.Message);
        Assert.Contains("ExistingRunPolicy.Replace", error.Message);
    }

    [Fact]
    public async Task Replace_deletes_the_old_run_with_everything_it_recorded_and_starts_afresh()
    {
        var journal = _store.OpenJournal();
        await journal.BeginAsync(TestRuns.Start("again"));
        await journal.RecordStepAsync(TestRuns.Step(1, 0.6));
        await journal.CompleteAsync(new RunEnd(RunStatus.Failed, null, "boom"));

        var replacing = _store.OpenJournal(new RunJournalOptions { ExistingRun = ExistingRunPolicy.Replace });
        var resume = await replacing.BeginAsync(TestRuns.Start("again"));
        await replacing.RecordStepAsync(TestRuns.Step(1, 0.7));

        Assert.Null(resume);
        var run = Assert.Single(_store.ListRuns());
        Assert.Equal((RunStatus.Running, 1), (run.Status, run.Steps));
        Assert.Equal("0.7", _store.GetParameters("again").Single().ValueJson);
        Assert.Equal("runs=1 parameters=1 parameter_versions=2 steps=1 example_scores=1 llm_calls=1 graphs=1", TestRuns.CountRows(_store.Path));
    }

    [Fact]
    public async Task A_start_with_other_parameters_is_refused_naming_each_difference()
    {
        await _store.OpenJournal().BeginAsync(TestRuns.Start("r", TestRuns.Temperature(0.5), new ParameterSnapshot("prompt", "string", "\"hi\"", 0, false)));

        var changed = TestRuns.Start(
            "r",
            new ParameterSnapshot("temperature", "int", "1", 0, false),
            new ParameterSnapshot("route", "string", "\"x\"", 0, true));
        var error = await Assert.ThrowsAsync<InvalidOperationException>(async () => await _store.OpenJournal().BeginAsync(changed));

        Assert.Contains("Cannot resume run 'r'", error.Message);
        Assert.Contains("'temperature' is a int but was a double", error.Message);
        Assert.Contains("'route' is new", error.Message);
        Assert.Contains("'prompt' of the stored run is missing", error.Message);
    }

    [Fact]
    public async Task A_start_with_another_initial_value_or_algorithm_is_refused()
    {
        await _store.OpenJournal().BeginAsync(TestRuns.Start("r"));

        var changed = TestRuns.Start("r", TestRuns.Temperature(0.9)) with { Algorithm = "beam" };
        var error = await Assert.ThrowsAsync<InvalidOperationException>(async () => await _store.OpenJournal().BeginAsync(changed));

        Assert.Contains("'temperature' starts at 0.9 but the stored run started at 0.5", error.Message);
        Assert.Contains("the algorithm is 'beam' but the stored run used 'minibatch'", error.Message);
    }

    [Fact]
    public async Task A_step_recorded_twice_or_out_of_order_is_refused_and_nothing_is_written()
    {
        var journal = _store.OpenJournal();
        await journal.BeginAsync(TestRuns.Start("r"));
        await journal.RecordStepAsync(TestRuns.Step(1, 0.6));
        var before = TestRuns.CountRows(_store.Path);

        var twice = await Assert.ThrowsAsync<InvalidOperationException>(async () => await journal.RecordStepAsync(TestRuns.Step(1, 0.7)));
        var gap = await Assert.ThrowsAsync<InvalidOperationException>(async () => await journal.RecordStepAsync(TestRuns.Step(3, 0.7)));

        Assert.Contains("step 1 is already recorded", twice.Message);
        Assert.Contains("the next must be 2", twice.Message);
        Assert.Contains("steps 2 to 2 are missing", gap.Message);
        Assert.Equal(before, TestRuns.CountRows(_store.Path));
    }

    [Fact]
    public async Task Steps_and_completion_need_a_begun_running_run()
    {
        var journal = _store.OpenJournal();
        await Assert.ThrowsAsync<InvalidOperationException>(async () => await journal.RecordStepAsync(TestRuns.Step(1, 0.6)));

        await journal.BeginAsync(TestRuns.Start("r"));
        await Assert.ThrowsAsync<ArgumentException>(async () => await journal.CompleteAsync(new RunEnd(RunStatus.Running, null, null)));
        await journal.CompleteAsync(new RunEnd(RunStatus.Stopped, 0.7, "no improvement"));

        var late = await Assert.ThrowsAsync<InvalidOperationException>(async () => await journal.RecordStepAsync(TestRuns.Step(1, 0.6)));
        Assert.Contains("already ended (Stopped)", late.Message);
        var run = _store.GetRun("r");
        Assert.Equal((RunStatus.Stopped, 0.7, "no improvement"), (run.Summary.Status, run.Summary.BestScore, run.EndMessage));
        Assert.NotNull(run.Summary.EndedAt);
    }

    [Fact]
    public async Task A_change_of_a_parameter_the_step_does_not_have_is_refused_before_anything_is_written()
    {
        var journal = _store.OpenJournal();
        await journal.BeginAsync(TestRuns.Start("r"));
        var before = TestRuns.CountRows(_store.Path);

        var bad = TestRuns.Step(1, 0.6) with { Changes = [new ParameterChange("prompt", "\"a\"", "\"b\"", null, null)] };
        var error = await Assert.ThrowsAsync<ArgumentException>(async () => await journal.RecordStepAsync(bad));

        Assert.Contains("'prompt'", error.Message);
        Assert.Equal(before, TestRuns.CountRows(_store.Path));
    }
}
