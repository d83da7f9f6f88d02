using Opto.TorchSharp;

namespace Opto.TorchSharp.Tests;

/// <summary>Collects progress reports synchronously (Progress&lt;T&gt; would post them to the thread pool).</summary>
internal sealed class RecordingProgress(Action<TrainingProgress>? onReport = null) : IProgress<TrainingProgress>
{
    public List<TrainingProgress> Reports { get; } = [];

    public void Report(TrainingProgress value)
    {
        Reports.Add(value);
        onReport?.Invoke(value);
    }
}
