using System.CommandLine;
using Opto.Cli.Commands;

namespace Opto.Cli;

/// <summary>The <c>opto</c> command line: builds the command tree over a <see cref="CliContext"/> and runs it.</summary>
internal static class OptoCli
{
    public static RootCommand Create(CliContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var store = new StoreOption();
        var root = new RootCommand("Opto for .NET: run workflows and examples, then inspect their runs (scores, parameter lineage, graphs, plots).");
        root.Options.Add(store.Option);
        root.Subcommands.Add(RunCommand.Create(context, store));
        root.Subcommands.Add(RunsCommand.Create(context, store));
        root.Subcommands.Add(LineageCommand.Create(context, store));
        root.Subcommands.Add(GraphCommand.Create(context, store));
        root.Subcommands.Add(PlotCommand.Create(context, store));
        return root;
    }

    /// <summary>Parses and runs a command line.</summary>
    /// <param name="args">The arguments.</param>
    /// <param name="context">Where the commands read and write.</param>
    /// <param name="terminationTimeout">
    /// When set, Ctrl+C and SIGTERM cancel the command and it has this long to finish; tests leave it unset so that no
    /// process-wide signal handler is installed.
    /// </param>
    /// <param name="cancellationToken">Cancels the command.</param>
    /// <returns>The exit code.</returns>
    public static Task<int> InvokeAsync(IReadOnlyList<string> args, CliContext context, TimeSpan? terminationTimeout = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(args);
        var configuration = new InvocationConfiguration
        {
            Output = context.Output.PlainOutput,
            Error = context.Error,
            ProcessTerminationTimeout = terminationTimeout,
        };
        return Create(context).Parse(args).InvokeAsync(configuration, cancellationToken);
    }
}
