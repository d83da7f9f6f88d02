namespace Opto.Reporting.Progress;

/// <summary>Writes one line per update, for logs and redirected output.</summary>
internal sealed class PlainProgressReporter(TextWriter writer) : IProgressReporter
{
    private readonly Lock _gate = new();

    public void Report(ProgressUpdate value)
    {
        ArgumentNullException.ThrowIfNull(value);
        lock (_gate)
        {
            writer.WriteLine(value.ToString());
            writer.Flush();
        }
    }

    public void Dispose()
    {
    }
}
