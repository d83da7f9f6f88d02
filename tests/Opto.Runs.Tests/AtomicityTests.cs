namespace Opto.Runs.Tests;

public sealed class AtomicityTests : IDisposable
{
    private readonly TempDirectory _temp = new();

    public void Dispose() => _temp.Dispose();

    [Fact]
    public async Task A_step_that_fails_before_its_commit_leaves_no_row_behind_and_can_be_recorded_again()
    {
        using var store = RunStore.Open(_temp.File("runs.db"));
        var fail = true;
        var journal = store.OpenJournal(new RunJournalOptions
        {
            BeforeCommit = (_, _) => fail ? throw new IOException("disk went away") : ValueTask.CompletedTask,
        });
        await journal.BeginAsync(TestRuns.Start("r"));
        var before = TestRuns.CountRows(store.Path);

        await Assert.ThrowsAsync<IOException>(async () => await journal.RecordStepAsync(TestRuns.Step(1, 0.6)));

        Assert.Equal(before, TestRuns.CountRows(store.Path));
        fail = false;
        await journal.RecordStepAsync(TestRuns.Step(1, 0.6));
        Assert.Equal("runs=1 parameters=1 parameter_versions=2 steps=1 example_scores=1 llm_calls=1 graphs=1", TestRuns.CountRows(store.Path));
    }

    [Fact]
    public async Task A_write_cancelled_inside_its_transaction_leaves_no_row_behind()
    {
        using var store = RunStore.Open(_temp.File("runs.db"));
        using var cancellation = new CancellationTokenSource();
        var journal = store.OpenJournal(new RunJournalOptions
        {
            BeforeCommit = (_, _) =>
            {
                cancellation.Cancel();
                return ValueTask.CompletedTask;
            },
        });
        await journal.BeginAsync(TestRuns.Start("r"));
        var before = TestRuns.CountRows(store.Path);

        await Assert.ThrowsAnyAsync<OperationCanceledException>(async () => await journal.RecordStepAsync(TestRuns.Step(1, 0.6), cancellation.Token));

        Assert.Equal(before, TestRuns.CountRows(store.Path));
        Assert.Equal(0, store.FindRun("r")!.Steps);
    }

    [Fact]
    public async Task A_begin_cancelled_before_it_starts_records_no_run()
    {
        using var store = RunStore.Open(_temp.File("runs.db"));

        await Assert.ThrowsAnyAsync<OperationCanceledException>(
            async () => await store.OpenJournal().BeginAsync(TestRuns.Start("r"), new CancellationToken(canceled: true)));

        Assert.Empty(store.ListRuns());
    }
}
