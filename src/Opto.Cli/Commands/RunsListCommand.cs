using System.CommandLine;
using System.Globalization;
using Opto.Reporting;
using Opto.Reporting.Tables;

namespace Opto.Cli.Commands;

/// <summary><c>opto runs list</c>: one line per run.</summary>
internal static class RunsListCommand
{
    public static Command Create(CliContext context, StoreOption store)
    {
        var command = new Command("list", "List the runs in the store, oldest first: key, status, start, steps and best score.");
        CommandActions.Set(command, context, (parseResult, _) =>
        {
            using var runs = store.OpenExisting(parseResult, context);
            var summaries = runs.ListRuns();
            if (summaries.Count == 0)
            {
                context.Output.WriteLine($"No runs in '{runs.Path}'.");
                return CommandActions.Success;
            }

            var table = new ReportTable(
                new ReportColumn("key"),
                new ReportColumn("status"),
                new ReportColumn("started"),
                new ReportColumn("steps", AlignRight: true),
                new ReportColumn("best score", AlignRight: true),
                new ReportColumn("algorithm"),
                new ReportColumn("optimizer"));
            foreach (var run in summaries)
            {
                table.AddRow(
                    new ReportCell(run.Key, CellStyle.Emphasis),
                    new ReportCell(run.Status.ToString(), RunSummaryRenderer.StatusStyle(run.Status)),
                    ReportFormat.Time(run.StartedAt),
                    run.Steps.ToString(CultureInfo.InvariantCulture),
                    ReportFormat.Score(run.BestScore),
                    run.Algorithm,
                    run.Optimizer);
            }

            context.Output.WriteTable(table);
            return CommandActions.Success;
        });
        return command;
    }
}
