// Quickstart: optimizes a support-ticket triage workflow (TicketTriage.cs) on 31 labelled tickets (tickets.csv).
// Its four parameters: an urgency threshold and a waiting-time weight (numbers), a fallback team (a choice) and
// a reply template (text).
//   - No LLM configured: a search that needs no LLM tunes the numbers and the choice from scores alone; the text is
//     left as it is, and one line says how to add a provider.
//   - An LLM configured (OPTO_LLM_PROVIDER, ...): OptoPrime reads the trace and the feedback and changes all four.
// Either way the run is written to the SQLite run store (.opto/runs.db, or OPTO_RUNS_DB), then summarized: a table
// of scores and changed parameters, and a PNG of the score curve.
//
//   dotnet run --project examples/01-Quickstart [-- --steps N] [-- --resume <run key>]
using System.Globalization;
using Microsoft.Extensions.AI;
using Opto.Examples.Quickstart;
using Opto.LLamaSharp;
using Opto.Optimizers;
using Opto.Optimizers.Baselines;
using Opto.Reporting;
using Opto.Reporting.Plots;
using Opto.Runs;
using Opto.Trace;
using Opto.Trainer;

var steps = ArgValue(args, "--steps") is { } stepsText ? int.Parse(stepsText, CultureInfo.InvariantCulture) : 0;
var resumeKey = ArgValue(args, "--resume");

// 1. The data: every ticket with its right priority and team. 60% trains, 40% validates the candidates.
var tickets = Dataset.FromCsv(Path.Combine(AppContext.BaseDirectory, "tickets.csv"),
    row => new Ticket(row["id"], row["customer"], double.Parse(row["hours_waiting"], CultureInfo.InvariantCulture), row["text"]),
    row => new Label(row["priority"], row["team"]),
    idColumn: "id");
var (training, validation) = tickets.Split(0.6, seed: 7);

// 2. The workflow with its starting values: too strict about urgency, the wrong fallback team, a vague reply.
var triage = new TicketTriage
{
    UrgentThreshold = 8.0,
    WaitWeight = 0.1,
    FallbackTeam = "technical",
    ReplyTemplate = "Thank you for your message. Our team will get back to you soon.",
};

// 3. The guide: three checks per ticket. The score is the share that pass; the failures are the feedback.
var guide = Guide.Checks(
    new GuideCheck<Ticket, Triage, Label>("priority", (_, output, label, _) => ValueTask.FromResult(
        output.Priority == label.Priority ? null : $"the priority should be {label.Priority}, not {output.Priority}")),
    new GuideCheck<Ticket, Triage, Label>("team", (_, output, label, _) => ValueTask.FromResult(
        output.Team == label.Team ? null : $"the ticket belongs to the {label.Team} team, not {output.Team}")),
    new GuideCheck<Ticket, Triage, Label>("reply", (ticket, output, label, _) => ValueTask.FromResult(
        ReplyIsPersonal(ticket, output, label)
            ? null
            : "the reply must greet the customer by name and quote the ticket number")));

// 4. The run store (OPTO_RUNS_DB, else .opto/runs.db under the current directory) and the run's key: a new key each time, or the key of an interrupted run to resume it.
using var store = RunStore.Open(RunStoreLocation.Resolve(explicitPath: null, Directory.GetCurrentDirectory()));
var runKey = resumeKey ?? $"quickstart-{DateTime.UtcNow:yyyyMMdd-HHmmss-fff}";

// 5. The optimizer: OptoPrime when an LLM is configured, otherwise a search that needs none.
var hasLlm = LocalLlm.TryCreate(configuration: null, environment: null, out var llm, out var problem);
var options = new TrainerOptions
{
    Algorithm = TrainingAlgorithm.Minibatch(),
    MaxSteps = steps > 0 ? steps : hasLlm ? 5 : 40,
    BatchSize = 4,
    Seed = 7,
    Journal = store.OpenJournal(),
    RunKey = runKey,
    Progress = new StepPrinter(everyStep: hasLlm),
};
Trainer<Ticket, Triage, Label> trainer;
IReadOnlyList<SkippedParameter> leftAsTheyAre = [];
if (hasLlm)
{
    trainer = new Trainer<Ticket, Triage, Label>(
        ticket => triage.Decide(Node.Input(ticket, "ticket")), guide, new OptoPrime(triage.Parameters(), llm!), options);
}
else
{
    var search = SearchOptimizer.For(triage.Parameters(), new SearchOptions { Seed = 7 });
    leftAsTheyAre = search.Skipped;
    trainer = new Trainer<Ticket, Triage, Label>(ticket => triage.Decide(Node.Input(ticket, "ticket")), guide, search, options);
}

Console.WriteLine($"Optimizing {string.Join(", ", trainer.Parameters.Select(p => p.Name))} with {(hasLlm ? "OptoPrime" : "a search that needs no LLM")}.");
Console.WriteLine($"Run '{runKey}' in {store.Path} (if it is interrupted, continue it with: --resume {runKey})");

// 6. Score everything before, train, score everything after.
var before = await trainer.EvaluateAsync(tickets);
TrainingResult result;
try
{
    result = await trainer.TrainAsync(training, validation);
}
catch (InvalidOperationException ex) when (resumeKey is not null)
{
    Console.WriteLine($"Cannot resume '{resumeKey}': {ex.Message}");
    return 1;
}

var after = await trainer.EvaluateAsync(tickets);
(llm as IDisposable)?.Dispose();

// 7. The summary, read back from the run store.
Console.WriteLine();
if (result.Resumed)
{
    Console.WriteLine($"Resumed at step {result.FirstStep}.");
}

RunSummaryRenderer.WriteHeader(ReportConsole.ForProcess(), store.GetRun(runKey));
Console.WriteLine();
Summary.PrintTable($"{tickets.Count} tickets", [
    ("score", before.MeanScore.ToString("0.00", CultureInfo.InvariantCulture), after.MeanScore.ToString("0.00", CultureInfo.InvariantCulture)),
    ("right priority", Passed(before, (t, o, l) => o.Priority == l.Priority), Passed(after, (t, o, l) => o.Priority == l.Priority)),
    ("right team", Passed(before, (t, o, l) => o.Team == l.Team), Passed(after, (t, o, l) => o.Team == l.Team)),
    ("reply names customer and ticket", Passed(before, ReplyIsPersonal), Passed(after, ReplyIsPersonal)),
]);
Summary.PrintTable("parameter", Summary.ParameterRows(store, runKey, triage.Parameters()));
var plot = ScoreCurvePlot.SavePng(store.GetScoreCurve(runKey), Path.Combine(Path.GetDirectoryName(store.Path)!, "plots", runKey + ".png"), title: $"Run {runKey}");
Console.WriteLine($"Score plot: {plot}");

if (leftAsTheyAre.Count > 0)
{
    Console.WriteLine();
    Console.WriteLine($"Left as they are (text needs an LLM): {string.Join(", ", leftAsTheyAre.Select(s => s.Parameter.Name))}. " +
        "To let OptoPrime optimize them too, set OPTO_LLM_PROVIDER and OPTO_LLM_MODEL (e.g. openai and gpt-4o-mini with OPTO_LLM_API_KEY, " +
        "ollama and llama3.2, or gguf and the path of a .gguf file) and run again.");
    if (problem != Opto.Llm.LlmClientFactory.NotConfiguredMessage)
    {
        Console.WriteLine($"(A provider is configured but cannot be used: {problem})");
    }
}

return 0;

// How many tickets pass one check, e.g. "17/31".
string Passed(Evaluation<Triage> evaluation, Func<Ticket, Triage, Label, bool> check) =>
    $"{evaluation.Outcomes.Zip(tickets).Count(pair => pair.First.Output is { } output && check(pair.Second.Input, output, pair.Second.Expected))}/{tickets.Count}";

static bool ReplyIsPersonal(Ticket ticket, Triage output, Label label) =>
    output.Reply.Contains(ticket.Customer, StringComparison.Ordinal) && output.Reply.Contains(ticket.Id, StringComparison.Ordinal);

static string? ArgValue(string[] args, string name)
{
    var index = Array.IndexOf(args, name);
    return index >= 0 && index + 1 < args.Length ? args[index + 1] : null;
}
