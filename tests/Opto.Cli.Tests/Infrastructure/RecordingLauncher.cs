using Opto.Cli.Processes;

namespace Opto.Cli.Tests.Infrastructure;

/// <summary>A launcher that records what it was asked to run and plays the child with a callback.</summary>
internal sealed class RecordingLauncher(Func<ProcessSpec, CancellationToken, Task<int>> child) : IProcessLauncher
{
    public List<ProcessSpec> Started { get; } = [];

    public Task<int> RunAsync(ProcessSpec spec, CancellationToken cancellationToken)
    {
        Started.Add(spec);
        return child(spec, cancellationToken);
    }
}

/// <summary>Finds exactly the programs it was given.</summary>
internal sealed class FixedLocator(Dictionary<string, string> programs) : IExecutableLocator
{
    public string? Find(string name) => programs.GetValueOrDefault(name);
}
