using Opto.Reporting.Tables;
using Opto.Runs;
using Opto.Trainer.Runs;
using Spectre.Console;

namespace Opto.Reporting;

/// <summary>
/// Writes the summary of a run: a header (key, algorithm, optimizer, status, times, best score), one row per step
/// (scores, changed parameters, LLM calls, note) and the parameters that changed with their final values.
/// </summary>
public static class RunSummaryRenderer
{
    private const int ChangesWidth = 40;
    private const int NoteWidth = 48;
    private const int ValueWidth = 60;

    /// <summary>Writes the summary to a report console.</summary>
    /// <param name="output">Where to write.</param>
    /// <param name="run">The run, as <see cref="RunStore.GetRun"/> returns it.</param>
    public static void Write(ReportConsole output, RunDetails run)
    {
        ArgumentNullException.ThrowIfNull(output);
        ArgumentNullException.ThrowIfNull(run);
        WriteHeader(output, run);
        if (run.Steps.Count == 0)
        {
            output.WriteLine("No steps recorded.", CellStyle.Dim);
            return;
        }

        // Blank lines keep the sections apart in a log, where tables have no borders.
        output.WriteLine();
        output.WriteTable(StepTable(run));
        var changed = ChangedParameters(run);
        if (changed.Rows.Count > 0)
        {
            output.WriteLine();
            output.WriteTable(changed);
        }
    }

    /// <summary>Writes the summary as plain text (for logs and files).</summary>
    /// <param name="writer">Where to write.</param>
    /// <param name="run">The run.</param>
    public static void Write(TextWriter writer, RunDetails run) => Write(ReportConsole.Plain(writer), run);

    /// <summary>Writes the summary to a Spectre console, styled when it is interactive and plain otherwise.</summary>
    /// <param name="console">Where to write.</param>
    /// <param name="run">The run.</param>
    public static void Write(IAnsiConsole console, RunDetails run)
    {
        ArgumentNullException.ThrowIfNull(console);
        Write(new ReportConsole(console, console.Profile.Out.Writer), run);
    }

    /// <summary>The run's header lines: what it is, where it stands, its best score.</summary>
    /// <param name="output">Where to write.</param>
    /// <param name="run">The run.</param>
    public static void WriteHeader(ReportConsole output, RunDetails run)
    {
        ArgumentNullException.ThrowIfNull(output);
        ArgumentNullException.ThrowIfNull(run);
        var summary = run.Summary;
        output.WriteLine($"Run {summary.Key}: {summary.Algorithm} with {summary.Optimizer}, {summary.Status}", CellStyle.Emphasis);
        var ended = summary.EndedAt is { } end ? $", ended {ReportFormat.Time(end)}" : "";
        output.WriteLine($"started {ReportFormat.Time(summary.StartedAt)}{ended}, {summary.Steps} step(s), best score {ReportFormat.Score(summary.BestScore)}");
        if (!string.IsNullOrWhiteSpace(run.EndMessage))
        {
            output.WriteLine($"ended because: {ReportFormat.OneLine(run.EndMessage)}", StatusStyle(summary.Status));
        }
    }

    /// <summary>One row per step: step, score, validation, changed parameters, LLM calls, note.</summary>
    /// <param name="run">The run.</param>
    /// <returns>The table.</returns>
    public static ReportTable StepTable(RunDetails run)
    {
        ArgumentNullException.ThrowIfNull(run);
        var best = BestStep(run.Steps);
        var table = new ReportTable(
            new ReportColumn("step", AlignRight: true),
            new ReportColumn("score", AlignRight: true),
            new ReportColumn("validation", AlignRight: true),
            new ReportColumn("changes"),
            new ReportColumn("llm calls", AlignRight: true),
            new ReportColumn("note"));
        foreach (var step in run.Steps)
        {
            var changes = step.Changes.Count == 0 ? ReportFormat.Missing : string.Join(", ", step.Changes.Select(c => c.Name));
            var isBest = step.Number == best;
            table.AddRow(
                new ReportCell(step.Number.ToString(System.Globalization.CultureInfo.InvariantCulture), isBest ? CellStyle.Good : CellStyle.Normal),
                new ReportCell(ReportFormat.Score(step.Score), isBest ? CellStyle.Good : CellStyle.Normal),
                new ReportCell(ReportFormat.Score(step.ValidationScore), isBest ? CellStyle.Good : CellStyle.Normal),
                new ReportCell(ReportFormat.Shorten(changes, ChangesWidth), step.Changes.Count == 0 ? CellStyle.Dim : CellStyle.Changed),
                step.LlmCallCount == 0 ? new ReportCell(ReportFormat.Missing, CellStyle.Dim) : LlmCell(step),
                new ReportCell(step.Note is null ? "" : ReportFormat.Shorten(step.Note, NoteWidth), CellStyle.Dim));
        }

        return table;
    }

    /// <summary>The parameters the run changed: how often, their value at the start and at the end.</summary>
    /// <param name="run">The run.</param>
    /// <returns>The table (without rows when nothing changed).</returns>
    public static ReportTable ChangedParameters(RunDetails run)
    {
        ArgumentNullException.ThrowIfNull(run);
        var table = new ReportTable(
            new ReportColumn("changed parameter"),
            new ReportColumn("times", AlignRight: true),
            new ReportColumn("first"),
            new ReportColumn("last"));
        var changes = run.Steps.SelectMany(s => s.Changes).GroupBy(c => c.Name, StringComparer.Ordinal);
        foreach (var group in changes)
        {
            var first = run.InitialParameters.FirstOrDefault(p => p.Name == group.Key)?.ValueJson ?? group.First().OldValueJson;
            table.AddRow(
                new ReportCell(group.Key, CellStyle.Changed),
                group.Count().ToString(System.Globalization.CultureInfo.InvariantCulture),
                ReportFormat.BriefValue(first, ValueWidth / 2),
                ReportFormat.BriefValue(group.Last().NewValueJson, ValueWidth));
        }

        return table;
    }

    private static ReportCell LlmCell(StepSummary step)
    {
        var tokens = step.InputTokens + step.OutputTokens;
        var text = tokens > 0 ? $"{step.LlmCallCount} ({tokens} tok)" : step.LlmCallCount.ToString(System.Globalization.CultureInfo.InvariantCulture);
        return new ReportCell(text);
    }

    // The best step as RunSummary.BestScore counts it: validation first, training score otherwise.
    private static int? BestStep(IReadOnlyList<StepSummary> steps)
    {
        var withValidation = steps.Where(s => s.ValidationScore.HasValue).ToList();
        var candidates = withValidation.Count > 0
            ? withValidation.Select(s => (s.Number, Value: s.ValidationScore!.Value))
            : steps.Where(s => s.Score.HasValue).Select(s => (s.Number, Value: s.Score!.Value));
        return candidates.OrderByDescending(c => c.Value).ThenBy(c => c.Number).Select(c => (int?)c.Number).FirstOrDefault();
    }

    /// <summary>The style of a run status: completed runs are good, failed ones bad, the rest plain.</summary>
    /// <param name="status">The status.</param>
    /// <returns>The style.</returns>
    public static CellStyle StatusStyle(RunStatus status) => status switch
    {
        RunStatus.Completed => CellStyle.Good,
        RunStatus.Failed => CellStyle.Bad,
        RunStatus.Cancelled or RunStatus.BudgetExhausted => CellStyle.Changed,
        _ => CellStyle.Normal,
    };
}
