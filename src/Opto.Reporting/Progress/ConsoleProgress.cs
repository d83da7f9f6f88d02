namespace Opto.Reporting.Progress;

/// <summary>Creates the progress display that suits a console.</summary>
public static class ConsoleProgress
{
    /// <summary>
    /// A live Spectre progress bar when <paramref name="output"/> is rich, otherwise one plain line per update
    /// (<c>step 3/10 score 0.710</c>): Spectre draws nothing at all for a progress bar when output is redirected, so a
    /// log would otherwise stay empty.
    /// </summary>
    /// <param name="output">Where to show progress.</param>
    /// <param name="title">What is in progress, shown before the bar.</param>
    /// <returns>The reporter; dispose it when the run ends.</returns>
    public static IProgressReporter Create(ReportConsole output, string title = "training")
    {
        ArgumentNullException.ThrowIfNull(output);
        ArgumentNullException.ThrowIfNull(title);
        return output.IsRich ? new LiveProgressReporter(output.Console, title) : new PlainProgressReporter(output.PlainOutput);
    }

    /// <summary>The console of this process (<see cref="ReportConsole.ForProcess"/>).</summary>
    /// <param name="title">What is in progress.</param>
    /// <returns>The reporter.</returns>
    public static IProgressReporter Create(string title = "training") => Create(ReportConsole.ForProcess(), title);
}
