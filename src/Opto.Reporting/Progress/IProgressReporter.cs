namespace Opto.Reporting.Progress;

/// <summary>
/// Shows a run's progress as it goes. <see cref="IProgress{T}.Report"/> may be called from any thread; disposing
/// the reporter ends the display (a live bar is left in its final state).
/// </summary>
public interface IProgressReporter : IProgress<ProgressUpdate>, IDisposable
{
}
