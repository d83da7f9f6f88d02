using Opto.Runs;
using Opto.Trainer.Runs;

namespace Opto.Cli.Tests.Infrastructure;

/// <summary>
/// Writes a real run store through the journal, as a trainer would:
/// "alpha" (3 steps, completed, graphs on steps 1 and 2, LLM calls), "beta" (1 step, still running) and "gamma" (no steps).
/// </summary>
public static class SampleStore
{
    public const string LongPrompt =
        "You are a careful assistant. Answer every question with the exact figure, name the unit, and say where the number came from in one short sentence.";

    public static readonly DateTimeOffset Start = new(2026, 11, 20, 9, 0, 0, TimeSpan.Zero);

    public static async Task<string> CreateAsync(string path)
    {
        using var store = RunStore.Open(path);
        await WriteAlphaAsync(store);
        await WriteBetaAsync(store);
        var gamma = store.OpenJournal();
        await gamma.BeginAsync(new RunStart
        {
            RunKey = "gamma",
            Algorithm = "minibatch",
            Optimizer = "OptoPrime",
            Parameters = [Snapshot("prompt", "\"Hi\"", 0)],
            StartedAt = Start.AddHours(2),
        });
        return path;
    }

    public static ParameterSnapshot Snapshot(string name, string json, int version, string type = "string") => new(name, type, json, version, IsCode: false);

    private static async Task WriteAlphaAsync(RunStore store)
    {
        var journal = store.OpenJournal();
        await journal.BeginAsync(new RunStart
        {
            RunKey = "alpha",
            Algorithm = "minibatch",
            Optimizer = "OptoPrime",
            Parameters = [Snapshot("prompt", "\"Answer briefly.\"", 0), Snapshot("temperature", "0.7", 0, "double")],
            SettingsJson = """{"seed":1}""",
            StartedAt = Start,
        });
        await journal.RecordStepAsync(new StepRecord
        {
            Number = 1,
            Score = 0.4,
            ValidationScore = 0.5,
            Examples = [new ExampleScore("q1", 0.4, "missing unit", null)],
            Parameters = [Snapshot("prompt", "\"Answer with the unit.\"", 1), Snapshot("temperature", "0.7", 0, "double")],
            Changes = [new ParameterChange("prompt", "\"Answer briefly.\"", "\"Answer with the unit.\"", "The answer lacked a unit.", "Ask for units explicitly.")],
            LlmCalls = [new LlmCallRecord { Purpose = "propose", Model = "test-model", InputTokens = 120, OutputTokens = 30, Response = "{}" }],
            GraphDot = "digraph step1 { prompt -> answer; }",
            CompletedAt = Start.AddMinutes(1),
            Duration = TimeSpan.FromSeconds(2),
        });
        await journal.RecordStepAsync(new StepRecord
        {
            Number = 2,
            Score = 0.6,
            ValidationScore = 0.7,
            Parameters = [Snapshot("prompt", Json(LongPrompt), 2), Snapshot("temperature", "0.3", 1, "double")],
            Changes =
            [
                new ParameterChange("prompt", "\"Answer with the unit.\"", Json(LongPrompt), "Sources were never cited.", "Require a source sentence."),
                new ParameterChange("temperature", "0.7", "0.3", "Answers varied between runs.", "Lower the temperature."),
            ],
            GraphDot = "digraph step2 { prompt -> answer; temperature -> answer; }",
            CompletedAt = Start.AddMinutes(2),
            Duration = TimeSpan.FromSeconds(3),
        });
        await journal.RecordStepAsync(new StepRecord
        {
            Number = 3,
            Score = 0.55,
            ValidationScore = 0.65,
            Parameters = [Snapshot("prompt", Json(LongPrompt), 2), Snapshot("temperature", "0.3", 1, "double")],
            Note = "no improvement; parameters kept",
            CompletedAt = Start.AddMinutes(3),
            Duration = TimeSpan.FromSeconds(1),
        });
        await journal.CompleteAsync(new RunEnd(RunStatus.Completed, 0.7, "all steps done"));
    }

    private static async Task WriteBetaAsync(RunStore store)
    {
        var journal = store.OpenJournal();
        await journal.BeginAsync(new RunStart
        {
            RunKey = "beta",
            Algorithm = "search",
            Optimizer = "NumericSearch",
            Parameters = [Snapshot("prompt", "\"Answer briefly.\"", 0), Snapshot("temperature", "0.7", 0, "double")],
            StartedAt = Start.AddHours(1),
        });
        await journal.RecordStepAsync(new StepRecord
        {
            Number = 1,
            Score = 0.2,
            Parameters = [Snapshot("prompt", "\"Answer briefly.\"", 0), Snapshot("temperature", "0.9", 1, "double")],
            Changes = [new ParameterChange("temperature", "0.7", "0.9", null, "grid point 2")],
            CompletedAt = Start.AddHours(1).AddMinutes(1),
        });
    }

    private static string Json(string text) => System.Text.Json.JsonSerializer.Serialize(text);
}
