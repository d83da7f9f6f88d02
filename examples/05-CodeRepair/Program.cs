// Code repair driven by failing unit tests. DurationParser.ParseDuration has bugs; its body is [Trainable], so its
// source is a parameter. Seven named test cases, judged by a check suite, are the feedback. With an LLM configured
// (OPTO_LLM_PROVIDER, OPTO_LLM_MODEL, ...), the Trainer lets OptoPrime rewrite the body from that feedback; each new
// body is compiled at run time, checked by the sandbox and runs on the next call. Without one, the example runs the
// checks, prints the exact problem OptoPrime would get, and says how to configure a provider.
// Every run is written to the run store: $OPTO_RUNS_DB, or .opto/runs.db under the current directory.
// Usage: dotnet run [max-steps]   (default 3)
using System.Globalization;
using System.Text.Json;
using Opto.Examples.CodeRepair;
using Opto.LLamaSharp;
using Opto.Llm;
using Opto.Optimizers;
using Opto.Reporting;
using Opto.Runs;
using Opto.Trace;
using Opto.Trainer;
using Opto.Trainer.Runs;

var maxSteps = args.Length > 0 ? int.Parse(args[0], CultureInfo.InvariantCulture) : 3;
var parser = new DurationParser();
var code = parser.ParseDurationMethod.Code;

Console.WriteLine("Checks before repair:");
var before = await RunChecksAsync(backward: true);

using var store = RunStore.Open(RunStoreLocation.Resolve(explicitPath: null, Directory.GetCurrentDirectory()));
var runKey = $"code-repair-{DateTime.UtcNow:yyyyMMdd-HHmmss-fff}";

if (!LocalLlm.TryCreate(configuration: null, environment: null, out var llm, out var problem))
{
    // RunChecksAsync sent each failure backward, so this is the prompt the first step would send.
    var prompt = OptoPrime.PreviewPrompt(parser.Parameters(), Options())!;
    Console.WriteLine("\nThis is the problem OptoPrime would send to an LLM:\n");
    Console.WriteLine(prompt.UserMessage);
    await RecordChecksOnlyAsync(before);
    Console.WriteLine($"\nRun '{runKey}' stored in {store.Path} (opto runs show {runKey}): the checks only; the code is unchanged.");
    Console.WriteLine(problem == LlmClientFactory.NotConfiguredMessage
        ? "No LLM provider is configured, so nothing was repaired: set OPTO_LLM_PROVIDER and OPTO_LLM_MODEL (and OPTO_LLM_ENDPOINT " +
          "or OPTO_LLM_API_KEY), e.g. OPTO_LLM_PROVIDER=ollama OPTO_LLM_MODEL=qwen2.5-coder, to let OptoPrime rewrite the method."
        : "The LLM provider is not usable, so nothing was repaired:\n" + problem);
    return;
}

code.ZeroFeedback();   // the checks above sent feedback; the Trainer gathers its own each step
var trainer = new Trainer<string, int, int>(
    text => parser.ParseDuration(Node.Input(text, "text", "The duration to read.")),
    DurationTests.Checks,
    new OptoPrime(parser.Parameters(), llm, Options()),
    new TrainerOptions
    {
        MaxSteps = maxSteps,
        BatchSize = DurationTests.Cases.Count,  // every test, every step: the whole suite is the feedback
        MaxDegreeOfParallelism = 1,             // the same order every run, so the prompt is reproducible
        Journal = store.OpenJournal(),
        RunKey = runKey,
        Progress = TrainingProgress.OnStepFinished(StepLines.Print),
    });
// The suite is also the validation set: each proposed body is run on it right away, so the store shows the score of
// the code after each step. Without one, the last proposal would never be scored, and the run, which ends on the best
// scored values, would put back the code before it.
var result = await trainer.TrainAsync(DurationTests.Cases, validation: DurationTests.Cases);
Console.WriteLine($"Training ended: {result.Status}{(result.Message is { } m ? $" ({m})" : "")}; run '{runKey}' stored in {store.Path} (opto runs show {runKey})");

Console.WriteLine("\nChecks after repair:");
var after = await RunChecksAsync(backward: false);
Console.WriteLine($"\nPassed {before.Count(c => c.Passed)}/{before.Count} before, {after.Count(c => c.Passed)}/{after.Count} after.");
Console.WriteLine($"ParseDurationTrained(\"2m30\") = {SafeCall("2m30")}  (runs the current, compiled source)");
Console.WriteLine("\nFinal source of ParseDuration:\n" + code.Value);

// Runs every test case traced and prints one line each. With backward, each failure is sent to the output it
// concerns, so that the code parameter collects the feedback an optimizer reads.
async Task<List<(string Name, bool Passed, double Score, string Feedback)>> RunChecksAsync(bool backward)
{
    var results = new List<(string, bool, double, string)>();
    foreach (var test in DurationTests.Cases)
    {
        using var scope = TraceScope.Begin(test.Id);
        string feedback;
        bool passed;
        double score;
        try
        {
            var seconds = parser.ParseDuration(Node.Input(test.Input, "text", "The duration to read."));
            var verdict = await DurationTests.Checks.AssessAsync(test.Input, seconds.Value, test.Expected);
            (passed, score, feedback) = (verdict.Score >= 1, verdict.Score, verdict.Feedback);
            if (backward && !passed)
            {
                seconds.Backward(feedback);
            }
        }
        catch (TraceExecutionException ex)   // the code did not compile, broke a sandbox rule, threw or timed out
        {
            (passed, score, feedback) = (false, 0, ex.Node.FeedbackText);
            if (backward)
            {
                ex.Node.Backward(feedback);
            }
        }

        Console.WriteLine($"  [{(passed ? "pass" : "FAIL")}] {test.Id}: {(passed ? $"\"{test.Input}\" -> {test.Expected}" : feedback.ReplaceLineEndings(" "))}");
        results.Add((test.Id, passed, score, feedback));
    }

    return results;
}

string SafeCall(string text)
{
    try
    {
        return parser.ParseDurationTrained(text).ToString(CultureInfo.InvariantCulture);
    }
    catch (Exception ex)
    {
        return $"{ex.GetType().Name}: {ex.Message}";
    }
}

OptoPrimeOptions Options() => new()
{
    Objective = "Change the code of ParseDuration so that every check passes. Keep its signature.",
};

// Without an optimizer there is no training step to record, but the evaluation is worth keeping: the run store
// then shows where this code stood, next to later runs that repaired it.
async Task RecordChecksOnlyAsync(List<(string Name, bool Passed, double Score, string Feedback)> checks)
{
    var snapshot = new ParameterSnapshot(code.Name, "string", JsonSerializer.Serialize(code.Value), code.Version, IsCode: true);
    var score = checks.Average(c => c.Score);   // as the Trainer scores a step: the mean share of checks passed
    var journal = store.OpenJournal();
    await journal.BeginAsync(new RunStart { RunKey = runKey, Algorithm = "checks only", Optimizer = "none (no LLM configured)", Parameters = [snapshot] });
    await journal.RecordStepAsync(new StepRecord
    {
        Number = 1,
        Score = score,
        Examples = [.. checks.Select(c => new ExampleScore(c.Name, c.Score, c.Feedback, null))],
        Parameters = [snapshot],
        Note = "No LLM configured: the checks ran, the code was not changed.",
    });
    await journal.CompleteAsync(new RunEnd(RunStatus.Stopped, score, "No LLM is configured."));
}

/// <summary>One line per finished training step.</summary>
internal static class StepLines
{
    public static void Print(StepRecord step)
    {
        var changed = step.Changes.Count == 0 ? "no change" : "changed " + string.Join(", ", step.Changes.Select(c => c.Name));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"step {step.Number}: checks passed {step.Score:P0} before the step, {step.ValidationScore:P0} after; {changed}"));
    }
}
