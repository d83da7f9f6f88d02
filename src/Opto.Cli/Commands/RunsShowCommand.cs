using System.CommandLine;
using Opto.Reporting;

namespace Opto.Cli.Commands;

/// <summary><c>opto runs show &lt;key&gt;</c>: a run's header, its steps and the parameters it changed.</summary>
internal static class RunsShowCommand
{
    public static Command Create(CliContext context, StoreOption store)
    {
        var key = new Argument<string>("key") { Description = "The run's key (see opto runs list)." };
        var command = new Command("show", "Show a run: status and best score, one row per step (score, validation, changed parameters, note), and the parameters it changed.");
        command.Arguments.Add(key);
        CommandActions.Set(command, context, (parseResult, _) =>
        {
            using var runs = store.OpenExisting(parseResult, context);
            RunSummaryRenderer.Write(context.Output, runs.GetRun(parseResult.GetValue(key)!));
            return CommandActions.Success;
        });
        return command;
    }
}
