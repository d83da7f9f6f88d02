using Opto.Cli.Processes;
using Opto.Reporting;
using Spectre.Console;

namespace Opto.Cli.Tests.Infrastructure;

/// <summary>Runs <c>opto</c> in this process with its output captured.</summary>
internal sealed class OptoRunner
{
    public required string CurrentDirectory { get; init; }

    public Dictionary<string, string> Environment { get; init; } = [];

    public IProcessLauncher Launcher { get; init; } = new ThrowingLauncher();

    public IExecutableLocator Executables { get; init; } = new PathExecutableLocator("");

    /// <summary>Whether the console is a rich terminal (Spectre tables and colours) rather than a log.</summary>
    public bool Rich { get; init; }

    public async Task<CliResult> RunAsync(params string[] args) => await RunAsync(CancellationToken.None, args);

    public async Task<CliResult> RunAsync(CancellationToken cancellationToken, params string[] args)
    {
        var output = new StringWriter();
        var error = new StringWriter();
        var console = AnsiConsole.Create(new AnsiConsoleSettings
        {
            Out = new AnsiConsoleOutput(output),
            Ansi = Rich ? AnsiSupport.Yes : AnsiSupport.No,
            ColorSystem = Rich ? ColorSystemSupport.TrueColor : ColorSystemSupport.NoColors,
            Interactive = Rich ? InteractionSupport.Yes : InteractionSupport.No,
        });
        console.Profile.Width = 160;
        var context = new CliContext
        {
            Output = new ReportConsole(console, output, Rich),
            Error = error,
            CurrentDirectory = CurrentDirectory,
            GetEnvironmentVariable = name => Environment.GetValueOrDefault(name),
            Launcher = Launcher,
            Executables = Executables,
        };
        var exitCode = await OptoCli.InvokeAsync(args, context, cancellationToken: cancellationToken);
        return new CliResult(exitCode, output.ToString(), error.ToString());
    }

    private sealed class ThrowingLauncher : IProcessLauncher
    {
        public Task<int> RunAsync(ProcessSpec spec, CancellationToken cancellationToken) =>
            throw new InvalidOperationException($"This test did not expect a process: {spec}");
    }
}
