namespace Opto.Runs;

/// <summary>What <see cref="Opto.Trainer.Runs.IRunJournal.BeginAsync"/> does when the store already has a run with the same key.</summary>
public enum ExistingRunPolicy
{
    /// <summary>
    /// Resume an unfinished run (one whose status is still <c>Running</c>) after checking that it is the same kind of
    /// run; refuse a run that finished. The default: nothing is ever lost or overwritten.
    /// </summary>
    Resume,

    /// <summary>Delete the existing run with the same key, finished or not, with everything recorded for it, and start afresh.</summary>
    Replace,
}

/// <summary>How a journal opened by <see cref="RunStore.OpenJournal"/> treats an existing run.</summary>
public sealed record RunJournalOptions
{
    /// <summary>What to do with an existing run of the same key. Default: <see cref="ExistingRunPolicy.Resume"/>.</summary>
    public ExistingRunPolicy ExistingRun { get; init; } = ExistingRunPolicy.Resume;

    /// <summary>
    /// Called inside a step's transaction just before it commits. Tests use it to fail, cancel or be killed mid-write.
    /// </summary>
    internal Func<int, CancellationToken, ValueTask>? BeforeCommit { get; init; }
}
