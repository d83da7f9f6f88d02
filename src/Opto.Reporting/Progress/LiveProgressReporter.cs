using Spectre.Console;

namespace Opto.Reporting.Progress;

/// <summary>
/// A live Spectre progress bar. Spectre's progress display runs inside a callback, so the callback runs on its own
/// thread and waits for updates; <see cref="Report"/> only hands the newest update over and never blocks on drawing.
/// </summary>
internal sealed class LiveProgressReporter : IProgressReporter
{
    private readonly object _gate = new(); // Monitor.Wait and Pulse need a plain object, not a Lock.
    private readonly string _title;
    private readonly Task _display;
    private ProgressUpdate? _latest;
    private bool _pending;
    private bool _finished;

    public LiveProgressReporter(IAnsiConsole console, string title)
    {
        _title = title;
        var progress = console.Progress()
            .AutoClear(false)
            .Columns(new TaskDescriptionColumn { Alignment = Justify.Left }, new ProgressBarColumn(), new PercentageColumn(), new ElapsedTimeColumn());
        _display = Task.Factory.StartNew(() => progress.Start(Show), CancellationToken.None, TaskCreationOptions.LongRunning, TaskScheduler.Default);
    }

    public void Report(ProgressUpdate value)
    {
        ArgumentNullException.ThrowIfNull(value);
        lock (_gate)
        {
            _latest = value;
            _pending = true;
            Monitor.PulseAll(_gate);
        }
    }

    public void Dispose()
    {
        lock (_gate)
        {
            if (_finished)
            {
                return;
            }

            _finished = true;
            Monitor.PulseAll(_gate);
        }

        _display.GetAwaiter().GetResult();
    }

    private void Show(ProgressContext context)
    {
        var task = context.AddTask(Markup.Escape(_title), maxValue: 1);
        task.IsIndeterminate = true;
        while (true)
        {
            ProgressUpdate? update;
            bool finished;
            lock (_gate)
            {
                while (!_pending && !_finished)
                {
                    Monitor.Wait(_gate);
                }

                update = _pending ? _latest : null;
                _pending = false;
                finished = _finished;
            }

            if (update is not null)
            {
                Apply(task, update);
                context.Refresh();
            }

            if (finished)
            {
                task.StopTask();
                context.Refresh();
                return;
            }
        }
    }

    private void Apply(ProgressTask task, ProgressUpdate update)
    {
        task.Description = Markup.Escape($"{_title}: {update}");
        if (update.TotalSteps is > 0 and var total)
        {
            task.IsIndeterminate = false;
            task.MaxValue = total;
            task.Value = Math.Min(update.Step, total);
        }
    }
}
