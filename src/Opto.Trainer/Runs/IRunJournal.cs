namespace Opto.Trainer.Runs;

/// <summary>
/// Where a trainer writes its run as it goes, and where it finds the point to resume from. A step is written
/// once, whole, after it completed (the SQLite store writes it in one transaction), so a run killed at any
/// moment resumes from its last completed step with nothing lost and nothing recorded twice.
/// </summary>
public interface IRunJournal
{
    /// <summary>
    /// Opens the run. When a run with the same <see cref="RunStart.RunKey"/> already exists and did not finish (it is
    /// still running because it was killed, or it was cancelled or failed),
    /// returns where to resume; for a new run, records it and returns <see langword="null"/>.
    /// </summary>
    /// <param name="start">What the run is.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The point to resume from, or <see langword="null"/> for a fresh run.</returns>
    /// <exception cref="InvalidOperationException">The key belongs to a run that finished, or to a different kind of run.</exception>
    ValueTask<ResumePoint?> BeginAsync(RunStart start, CancellationToken cancellationToken = default);

    /// <summary>Records one completed step, atomically.</summary>
    /// <param name="record">The step.</param>
    /// <param name="cancellationToken">Cancels the call; a cancelled write leaves no part of the step behind.</param>
    /// <returns>A task that completes when the step is durable.</returns>
    ValueTask RecordStepAsync(StepRecord record, CancellationToken cancellationToken = default);

    /// <summary>
    /// Marks how the run ended. Completed, stopped early and out of budget are final; cancelled and failed runs are
    /// interrupted and resume when the same key is opened again.
    /// </summary>
    /// <param name="outcome">How the run ended.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>A task that completes when the end is durable.</returns>
    ValueTask CompleteAsync(RunEnd outcome, CancellationToken cancellationToken = default);
}
