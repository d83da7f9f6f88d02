using Opto.Cli.Processes;
using Opto.Reporting;

namespace Opto.Cli;

/// <summary>
/// Everything a command touches outside itself: where it writes, the directory and environment it runs in, and how it
/// starts processes and finds programs. Tests build one over string buffers and fakes; <see cref="ForProcess"/> is the real one.
/// </summary>
internal sealed class CliContext
{
    /// <summary>Where results go (rich in a terminal, plain when redirected).</summary>
    public required ReportConsole Output { get; init; }

    /// <summary>Where error lines go.</summary>
    public required TextWriter Error { get; init; }

    /// <summary>The directory relative paths start from.</summary>
    public required string CurrentDirectory { get; init; }

    /// <summary>Reads an environment variable.</summary>
    public Func<string, string?> GetEnvironmentVariable { get; init; } = Environment.GetEnvironmentVariable;

    /// <summary>Starts child processes (<c>dotnet run</c>, Graphviz).</summary>
    public IProcessLauncher Launcher { get; init; } = new ChildProcessLauncher(TimeSpan.FromSeconds(10));

    /// <summary>Finds programs such as <c>dot</c>.</summary>
    public IExecutableLocator Executables { get; init; } = new PathExecutableLocator(Environment.GetEnvironmentVariable("PATH"));

    /// <summary>The context of this process: its console, standard error, current directory, environment and PATH.</summary>
    /// <returns>The context.</returns>
    public static CliContext ForProcess() => new()
    {
        Output = ReportConsole.ForProcess(),
        Error = Console.Error,
        CurrentDirectory = Environment.CurrentDirectory,
    };
}
