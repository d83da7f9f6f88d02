using System.CommandLine;

namespace Opto.Cli.Commands;

/// <summary><c>opto runs</c>: the group of commands that read recorded runs.</summary>
internal static class RunsCommand
{
    public static Command Create(CliContext context, StoreOption store)
    {
        var command = new Command("runs", "List, show, compare and export the runs in a run store.");
        command.Subcommands.Add(RunsListCommand.Create(context, store));
        command.Subcommands.Add(RunsShowCommand.Create(context, store));
        command.Subcommands.Add(RunsDiffCommand.Create(context, store));
        command.Subcommands.Add(RunsExportCommand.Create(context, store));
        return command;
    }
}
