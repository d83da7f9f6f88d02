namespace Opto.Trainer.Runs;

/// <summary>
/// A run journal that keeps everything in memory: for tests, for short experiments, and as the reference of what a
/// store must do. A run that was cancelled or failed (or never completed) resumes from its last recorded step; a
/// run that completed, stopped early or ran out of budget is finished and cannot be opened again.
/// </summary>
public sealed class InMemoryRunJournal : IRunJournal
{
    private readonly Lock _gate = new();
    private readonly Dictionary<string, StoredRun> _runs = new(StringComparer.Ordinal);
    private long _nextId;
    private StoredRun? _current;

    /// <summary>Every run by key.</summary>
    public IReadOnlyDictionary<string, StoredRun> Runs
    {
        get
        {
            lock (_gate)
            {
                return new Dictionary<string, StoredRun>(_runs, StringComparer.Ordinal);
            }
        }
    }

    /// <inheritdoc />
    public ValueTask<ResumePoint?> BeginAsync(RunStart start, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(start);
        cancellationToken.ThrowIfCancellationRequested();
        lock (_gate)
        {
            if (!_runs.TryGetValue(start.RunKey, out var run))
            {
                run = new StoredRun(++_nextId, start);
                _runs.Add(start.RunKey, run);
                _current = run;
                return ValueTask.FromResult<ResumePoint?>(null);
            }

            if (!string.Equals(run.Start.Algorithm, start.Algorithm, StringComparison.Ordinal))
            {
                throw new InvalidOperationException(
                    $"Run '{start.RunKey}' was started with the algorithm '{run.Start.Algorithm}', not '{start.Algorithm}'; use another run key.");
            }

            if (run.End is { Status: not (RunStatus.Cancelled or RunStatus.Failed) } end)
            {
                throw new InvalidOperationException($"Run '{start.RunKey}' already finished ({end.Status}); use another run key to start a new run.");
            }

            run.End = null;
            _current = run;
            var last = run.Steps.Count > 0 ? run.Steps[^1] : null;
            return ValueTask.FromResult<ResumePoint?>(new ResumePoint(run.Id, last?.Number ?? 0, last?.Parameters ?? run.Start.Parameters, last?.StateJson ?? "{}"));
        }
    }

    /// <inheritdoc />
    public ValueTask RecordStepAsync(StepRecord record, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(record);
        cancellationToken.ThrowIfCancellationRequested();
        lock (_gate)
        {
            var run = _current ?? throw new InvalidOperationException("No run is open; call BeginAsync first.");
            var expected = run.Steps.Count > 0 ? run.Steps[^1].Number + 1 : 1;
            if (record.Number != expected)
            {
                throw new InvalidOperationException($"Run '{run.Start.RunKey}' expects step {expected} next, not step {record.Number}.");
            }

            run.StepList.Add(record);
        }

        return ValueTask.CompletedTask;
    }

    /// <inheritdoc />
    public ValueTask CompleteAsync(RunEnd outcome, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(outcome);
        lock (_gate)
        {
            var run = _current ?? throw new InvalidOperationException("No run is open; call BeginAsync first.");
            run.End = outcome;
            _current = null;
        }

        return ValueTask.CompletedTask;
    }
}

/// <summary>A run as an <see cref="InMemoryRunJournal"/> keeps it.</summary>
public sealed class StoredRun
{
    internal StoredRun(long id, RunStart start)
    {
        Id = id;
        Start = start;
    }

    /// <summary>The journal's id of the run.</summary>
    public long Id { get; }

    /// <summary>How the run started.</summary>
    public RunStart Start { get; }

    /// <summary>The steps recorded, in order.</summary>
    public IReadOnlyList<StepRecord> Steps => StepList;

    internal List<StepRecord> StepList { get; } = [];

    /// <summary>How the run ended, or <see langword="null"/> while it is open or was killed.</summary>
    public RunEnd? End { get; internal set; }
}
