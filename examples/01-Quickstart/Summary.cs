using System.Globalization;
using System.Text.Json;
using Opto.Optimizers;
using Opto.Runs;
using Opto.Trace;
using Opto.Trainer;

namespace Opto.Examples.Quickstart;

/// <summary>Prints what a run did, from the run store: a table of scores and parameters, and a PNG of the score curve.</summary>
internal static class Summary
{
    /// <summary>Prints rows of (what, before, after) as an aligned table.</summary>
    public static void PrintTable(string title, IReadOnlyList<(string What, string Before, string After)> rows)
    {
        var what = Math.Max(title.Length, rows.Max(r => r.What.Length));
        var before = Math.Max(6, rows.Max(r => r.Before.Length));
        Console.WriteLine($"{title.PadRight(what)}  {"before".PadRight(before)}  after");
        foreach (var row in rows)
        {
            Console.WriteLine($"{row.What.PadRight(what)}  {row.Before.PadRight(before)}  {row.After}{(row.Before == row.After ? "" : "   (changed)")}");
        }

        Console.WriteLine();
    }

    /// <summary>
    /// The parameters as the run started (read from the store) and as they are now (the best values found). A parameter
    /// the optimizer could not change is not in the run; it shows its value on both sides.
    /// </summary>
    public static IReadOnlyList<(string What, string Before, string After)> ParameterRows(RunStore store, string runKey, IEnumerable<IParameterNode> parameters)
    {
        var initial = store.GetRun(runKey).InitialParameters.ToDictionary(p => p.Name, p => p.ValueJson);
        return [.. parameters.Select(p => (p.Name, Show(initial.GetValueOrDefault(p.Name) ?? Json(p)), Show(Json(p))))];
    }

    private static string Json(IParameterNode parameter)
    {
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            parameter.WriteValue(writer, OptimizerOptions.DefaultSerializerOptions);
        }

        return System.Text.Encoding.UTF8.GetString(buffer.ToArray());
    }

    /// <summary>A stored JSON value as a person reads it: numbers rounded, text in quotes.</summary>
    public static string Show(string json)
    {
        using var document = JsonDocument.Parse(json);
        return document.RootElement.ValueKind == JsonValueKind.Number
            ? document.RootElement.GetDouble().ToString("0.###", CultureInfo.InvariantCulture)
            : ValueFormatter.Format(document.RootElement.ToString(), 70);
    }
}

/// <summary>
/// Prints one line per finished step: every step of an LLM run, and the steps of a search that found a new best
/// validation score (a search tries many candidates, most of them worse).
/// </summary>
internal sealed class StepPrinter(bool everyStep) : IProgress<TrainingProgress>
{
    private double _best = double.MinValue;

    public void Report(TrainingProgress value)
    {
        if (value is not StepFinished { Record: var step })
        {
            return;
        }

        var tracked = step.ValidationScore ?? step.Score ?? double.MinValue;
        var newBest = tracked > _best;
        _best = Math.Max(_best, tracked);
        if (!everyStep && !newBest)
        {
            return;
        }

        var changes = string.Join(", ", step.Changes.Select(c => $"{c.Name} {Summary.Show(c.OldValueJson)} -> {Summary.Show(c.NewValueJson)}"));
        var scores = string.Create(CultureInfo.InvariantCulture, $"step {step.Number,3}: batch {step.Score:0.00}, validation {step.ValidationScore:0.00}");
        Console.WriteLine(scores + (newBest ? " (best so far)" : "") + (changes.Length > 0 ? $"; {changes}" : "") + (step.Note is { } note ? $"; {note}" : ""));
    }
}
