using Microsoft.Data.Sqlite;
using Opto.Runs.CrashHost;
using Opto.Trainer.Runs;

namespace Opto.Runs.Tests;

/// <summary>Runs and rows the tests share.</summary>
internal static class TestRuns
{
    /// <summary>Runs the deterministic driver in-process for <paramref name="steps"/> steps.</summary>
    public static async Task<List<StepRecord>> DriveAsync(IRunJournal journal, int steps, RunEnd? end = null)
    {
        var resume = await journal.BeginAsync(DeterministicDriver.Start());
        Assert.Null(resume);
        var parameters = DeterministicDriver.Start().Parameters;
        var state = DeterministicDriver.InitialState();
        var records = new List<StepRecord>();
        for (var number = 1; number <= steps; number++)
        {
            var (record, next) = DeterministicDriver.Step(number, parameters, state);
            await journal.RecordStepAsync(record);
            records.Add(record);
            parameters = record.Parameters;
            state = next;
        }

        if (end is not null)
        {
            await journal.CompleteAsync(end);
        }

        return records;
    }

    public static RunStart Start(string key, params ParameterSnapshot[] parameters) => new()
    {
        RunKey = key,
        Algorithm = "minibatch",
        Optimizer = "NumericSearch",
        SettingsJson = """{"seed":1,"batch":2}""",
        Parameters = parameters.Length > 0 ? parameters : [Temperature(0.5)],
    };

    public static ParameterSnapshot Temperature(double value, int version = 0) =>
        new("temperature", "double", value.ToString(System.Globalization.CultureInfo.InvariantCulture), version, false);

    public static StepRecord Step(int number, double temperature, string? feedback = "too cold") => new()
    {
        Number = number,
        Score = temperature,
        Examples = [new ExampleScore("a", temperature, "ok", null)],
        Parameters = [Temperature(temperature, number)],
        Changes = [new ParameterChange("temperature", "0", temperature.ToString(System.Globalization.CultureInfo.InvariantCulture), feedback, "search")],
        LlmCalls = [new LlmCallRecord { Purpose = "propose", InputTokens = 10, OutputTokens = 2, Cost = 0.25m }],
        GraphDot = "digraph { a -> b; }",
        StateJson = $$"""{"step":{{number}}}""",
    };

    /// <summary>Counts the rows of every table that holds step data, straight from the file.</summary>
    public static string CountRows(string path)
    {
        using var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = path, Pooling = false }.ToString());
        connection.Open();
        var counts = new List<string>();
        foreach (var table in new[] { "runs", "parameters", "parameter_versions", "steps", "example_scores", "llm_calls", "graphs" })
        {
            using var command = connection.CreateCommand();
#pragma warning disable CA2100 // The table names are the constants above.
            command.CommandText = $"SELECT COUNT(*) FROM {table}";
#pragma warning restore CA2100
            counts.Add($"{table}={command.ExecuteScalar()}");
        }

        return string.Join(" ", counts);
    }
}
