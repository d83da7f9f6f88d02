using System.CommandLine;
using System.Globalization;
using Opto.Reporting;
using Opto.Reporting.Tables;
using Opto.Runs;

namespace Opto.Cli.Commands;

/// <summary><c>opto lineage &lt;key&gt; &lt;parameter&gt;</c>: every version of one parameter and what produced it.</summary>
internal static class LineageCommand
{
    private const int ValueWidth = 60;

    public static Command Create(CliContext context, StoreOption store)
    {
        var key = new Argument<string>("key") { Description = "The run's key." };
        var parameter = new Argument<string>("parameter") { Description = "The parameter's name (opto runs show lists the ones that changed)." };
        var full = new Option<bool>("--full") { Description = "Show whole values instead of one shortened line." };
        var command = new Command("lineage", "Show every version of one parameter of a run, oldest first: the step that made it, its value, and the feedback and reason behind it.");
        command.Arguments.Add(key);
        command.Arguments.Add(parameter);
        command.Options.Add(full);
        CommandActions.Set(command, context, (parseResult, _) =>
        {
            using var runs = store.OpenExisting(parseResult, context);
            var runKey = parseResult.GetValue(key)!;
            var name = parseResult.GetValue(parameter)!;
            var versions = runs.GetLineage(runKey, name);
            var showFull = parseResult.GetValue(full);
            context.Output.WriteLine($"Lineage of '{name}' in run '{runKey}': {versions.Count} version(s)", CellStyle.Emphasis);
            if (context.Output.IsRich)
            {
                context.Output.WriteTable(Table(versions, showFull));
            }
            else
            {
                WritePlain(context.Output, versions, showFull);
            }

            return CommandActions.Success;
        });
        return command;
    }

    // A terminal wraps long feedback inside the table's cells.
    private static ReportTable Table(IReadOnlyList<ParameterVersion> versions, bool full)
    {
        var table = new ReportTable(
            new ReportColumn("step", AlignRight: true),
            new ReportColumn("version", AlignRight: true),
            new ReportColumn("value"),
            new ReportColumn("feedback"),
            new ReportColumn("reason"));
        foreach (var version in versions)
        {
            table.AddRow(
                version.Step.ToString(CultureInfo.InvariantCulture),
                version.Version.ToString(CultureInfo.InvariantCulture),
                new ReportCell(Value(version, full), version.Step == 0 ? CellStyle.Normal : CellStyle.Changed),
                new ReportCell(version.Step == 0 ? "(initial value)" : version.Feedback ?? ReportFormat.Missing, CellStyle.Dim),
                new ReportCell(version.Reason ?? ReportFormat.Missing, CellStyle.Dim));
        }

        return table;
    }

    // A log gets one block per version so that long feedback stays whole and readable, with no column to break.
    private static void WritePlain(ReportConsole output, IReadOnlyList<ParameterVersion> versions, bool full)
    {
        foreach (var version in versions)
        {
            output.WriteLine();
            output.WriteLine(version.Step == 0
                ? $"step 0, version {version.Version} (initial value)"
                : $"step {version.Step}, version {version.Version}");
            WriteField(output, "value", Value(version, full));
            if (version.Feedback is { } feedback)
            {
                WriteField(output, "feedback", feedback);
            }

            if (version.Reason is { } reason)
            {
                WriteField(output, "reason", reason);
            }
        }
    }

    private static void WriteField(ReportConsole output, string label, string text)
    {
        var lines = text.ReplaceLineEndings("\n").Split('\n');
        output.WriteLine($"  {label}: {lines[0]}");
        foreach (var line in lines.Skip(1))
        {
            output.WriteLine($"    {line}");
        }
    }

    private static string Value(ParameterVersion version, bool full) =>
        full ? ReportFormat.Value(version.ValueJson) : ReportFormat.BriefValue(version.ValueJson, ValueWidth);
}
