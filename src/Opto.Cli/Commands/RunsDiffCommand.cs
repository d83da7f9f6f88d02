using System.CommandLine;
using System.Globalization;
using Opto.Reporting;
using Opto.Reporting.Tables;
using Opto.Runs;

namespace Opto.Cli.Commands;

/// <summary>
/// <c>opto runs diff &lt;a&gt; &lt;b&gt;</c> and <c>opto runs diff &lt;key&gt; --steps a b</c>: parameters side by side,
/// those that differ marked with <c>*</c>, then the scores of both sides.
/// </summary>
internal static class RunsDiffCommand
{
    public const string DifferMarker = "*";
    private const int ValueWidth = 50;

    public static Command Create(CliContext context, StoreOption store)
    {
        var keys = new Argument<string[]>("keys")
        {
            Description = "Two run keys to compare their final parameters; or one key with --steps.",
            Arity = new ArgumentArity(1, 2),
        };
        var steps = new Option<int[]>("--steps")
        {
            Description = "Compare two steps of one run (0 is the start): --steps 2 5.",
            Arity = new ArgumentArity(2, 2),
            AllowMultipleArgumentsPerToken = true,
            HelpName = "a b",
        };
        var full = new Option<bool>("--full") { Description = "Show whole values instead of one shortened line." };
        var command = new Command("diff", "Compare two runs, or two steps of one run: parameters side by side (differences marked with *) and scores.");
        command.Arguments.Add(keys);
        command.Options.Add(steps);
        command.Options.Add(full);
        CommandActions.Set(command, context, (parseResult, _) =>
        {
            var runKeys = parseResult.GetValue(keys) ?? [];
            // An option that was not given reads as an empty array, not null.
            var stepPair = parseResult.GetValue(steps) ?? [];
            var compareSteps = stepPair.Length > 0;
            if (compareSteps && runKeys.Length != 1)
            {
                throw new CliException("With --steps, give exactly one run key: opto runs diff <key> --steps <a> <b>.");
            }

            if (!compareSteps && runKeys.Length != 2)
            {
                throw new CliException("Give two run keys (opto runs diff <a> <b>), or one key and --steps <a> <b>.");
            }

            using var runs = store.OpenExisting(parseResult, context);
            var comparison = compareSteps
                ? runs.CompareSteps(runKeys[0], stepPair[0], stepPair[1])
                : runs.CompareRuns(runKeys[0], runKeys[1]);
            Write(context.Output, comparison, parseResult.GetValue(full));
            return CommandActions.Success;
        });
        return command;
    }

    private static void Write(ReportConsole output, RunComparison comparison, bool full)
    {
        var left = Label(comparison.Left);
        var right = Label(comparison.Right);
        var parameters = new ReportTable(new ReportColumn(""), new ReportColumn("parameter"), new ReportColumn(left), new ReportColumn(right))
        {
            Title = $"Parameters: {left} vs {right}",
        };
        foreach (var parameter in comparison.Parameters)
        {
            var (name, leftValue, rightValue, differs) = parameter;
            var style = differs ? CellStyle.Changed : CellStyle.Dim;
            parameters.AddRow(
                new ReportCell(differs ? DifferMarker : "", style),
                new ReportCell(name, differs ? CellStyle.Changed : CellStyle.Normal),
                new ReportCell(Value(leftValue, full), style),
                new ReportCell(Value(rightValue, full), style));
        }

        output.WriteTable(parameters);
        output.WriteLine();
        var scores = new ReportTable(new ReportColumn(""), new ReportColumn(left, AlignRight: true), new ReportColumn(right, AlignRight: true)) { Title = "Scores" };
        scores.AddRow("step", comparison.Left.Step.ToString(CultureInfo.InvariantCulture), comparison.Right.Step.ToString(CultureInfo.InvariantCulture));
        scores.AddRow("score", ReportFormat.Score(comparison.Left.Score), ReportFormat.Score(comparison.Right.Score));
        scores.AddRow("validation", ReportFormat.Score(comparison.Left.ValidationScore), ReportFormat.Score(comparison.Right.ValidationScore));
        scores.AddRow("best so far", ReportFormat.Score(comparison.Left.BestScore), ReportFormat.Score(comparison.Right.BestScore));
        output.WriteTable(scores);
        output.WriteLine();
        var differing = comparison.Parameters.Count(p => p.Differs);
        output.WriteLine($"{differing} of {comparison.Parameters.Count} parameter(s) differ.", differing > 0 ? CellStyle.Changed : CellStyle.Good);
    }

    // Both sides of a run comparison end at the run's last step; say which step that is.
    private static string Label(ComparisonSide side) =>
        side.Label.Contains('@', StringComparison.Ordinal) ? side.Label : $"{side.Label} (step {side.Step})";

    private static string Value(string? json, bool full) =>
        json is null ? "(absent)" : full ? ReportFormat.Value(json) : ReportFormat.BriefValue(json, ValueWidth);
}
