using Opto.Trainer.Runs;

namespace Opto.Runs.CrashHost;

/// <summary>
/// Passes everything to the store's journal and prints what happened, so the test can time its kills; it can also
/// stop before the run's end is written, which no hook inside the store reaches.
/// </summary>
internal sealed class ReportingJournal(IRunJournal inner, Func<string, CancellationToken, ValueTask>? holdBeforeEnd) : IRunJournal
{
    public async ValueTask<ResumePoint?> BeginAsync(RunStart start, CancellationToken cancellationToken = default)
    {
        var resume = await inner.BeginAsync(start, cancellationToken);
        Console.WriteLine($"begun {resume?.LastCompletedStep ?? 0}");
        return resume;
    }

    public async ValueTask RecordStepAsync(StepRecord record, CancellationToken cancellationToken = default)
    {
        await inner.RecordStepAsync(record, cancellationToken);
        Console.WriteLine($"step {record.Number}");
    }

    public async ValueTask CompleteAsync(RunEnd outcome, CancellationToken cancellationToken = default)
    {
        Console.WriteLine("completing");
        if (holdBeforeEnd is not null)
        {
            await holdBeforeEnd("holding end", cancellationToken);
        }

        await inner.CompleteAsync(outcome, cancellationToken);
    }
}
