// A teacher–student loop in the spirit of DataEnvGym: each round the teacher writes training data for four synthetic
// skills according to its policy, the student (a small TorchSharp MLP, trained from scratch on everything written
// so far) is evaluated on fixed held-out tasks, and its per-skill accuracy is the feedback the policy is trained on.
// The round is traced — policy parameters → teacher data → accumulated data → TrainStudent → report — so the
// feedback on the report reaches the policy.
//
// Offline (the default) a synthetic engine writes the data and the baseline search (SearchOptimizer.For) tunes the
// policy's numbers and generator from the scores. With an LLM configured (OPTO_LLM_PROVIDER, OPTO_LLM_MODEL, …; see
// Opto.Llm), the LLM writes the data as JSON lines and OptoPrime rewrites its instruction and budget split from
// the per-skill report.
//
// Options: --rounds N (default 8), --budget N (new examples per round; 160 offline, 40 with an LLM), --epochs N (30),
// --control (offline: also replay the rounds with the initial policy held fixed, to show what more data alone gives).
// The run is stored in the run store (OPTO_RUNS_DB, else .opto/runs.db here) with a score plot beside it.
using System.Globalization;
using Opto.Examples.TeacherStudent;
using Opto.Llm;
using Opto.Optimizers;
using Opto.Optimizers.Baselines;
using Opto.Reporting;
using Opto.Reporting.Plots;
using Opto.Reporting.Tables;
using Opto.Runs;
using Opto.TorchSharp;
using Opto.Trace;
using Opto.Trainer;
using Opto.Trainer.Runs;

var withLlm = LlmClientFactory.TryCreate(configuration: null, environment: null, out var llm, out var llmProblem);
// The teacher's calls go into the run store with each round, next to the optimizer's.
var teacherLlm = llm?.RecordedInTrainingSteps("teacher");
var rounds = Option("--rounds", 8);
var budget = Option("--budget", withLlm ? 40 : 160);
var epochs = Option("--epochs", 30);
var output = ReportConsole.ForProcess();

var policy = new TeacherPolicy();
var heldOut = Skills.Uniformly(perSkill: 100, seed: 7);   // the environment's fixed validation tasks
var accumulated = Skills.Uniformly(perSkill: 8, seed: 3); // a small seed set, so round 1 never trains on nothing
IReadOnlyDictionary<string, double>? lastErrors = null;
var records = new List<RoundRecord>();

// The student is not what is optimized here: its settings stay fixed, so only the data changes between rounds.
var student = new StudentHyperParameters(new StudentSettings(LearningRate: 0.01, Epochs: epochs, BatchSize: 32, HiddenWidth: 32, Depth: 2));
// The CPU on one thread: the same numbers on every machine, and libtorch's idle workers would only spin on a model this small.
var trainingOptions = new StudentTrainingOptions { Seed = 42, ForceCpu = true, CpuThreads = 1 };
var accumulate = new Operation("Accumulate", "The student's training data: everything written in earlier rounds plus this round's examples.",
    ["data_so_far", "new_examples"]);

// The score is the mean of the per-skill accuracies; the feedback is the student's compact report plus the notes of the
// teacher's batch (records[^1]: the guide runs right after the round it judges).
var guide = Guide.From<StudentDataset, TrainingReport, double>((_, report, _) => new GuideResult(
    MeanSkillAccuracy(report),
    $"Mean per-skill validation accuracy {MeanSkillAccuracy(report):0.000} (the goal is 1). Student: {report.Summary} Teacher: {records[^1].Notes}."));

var storePath = RunStoreLocation.Resolve(null, Environment.CurrentDirectory);
using var store = RunStore.Open(storePath);
var runKey = $"teacher-student-{(withLlm ? "llm" : "offline")}-{DateTime.UtcNow:yyyyMMdd-HHmmss-fff}";
var trainerOptions = new TrainerOptions
{
    MaxSteps = rounds,
    BatchSize = 1,                 // the one "example" is the environment: each step is one round
    Shuffle = false,
    MaxDegreeOfParallelism = 1,    // rounds build on each other's data
    StopWhenOptimizerDone = false,
    Journal = store.OpenJournal(),
    RunKey = runKey,
};

Trainer<StudentDataset, TrainingReport, double> trainer;
if (withLlm)
{
    var optimizer = new OptoPrime([policy.Instruction, policy.Focus], llm!);
    trainer = new(RunRoundAsync, guide, optimizer, trainerOptions);
    output.WriteLine($"An LLM teacher writes the data; OptoPrime tunes {policy.Instruction.Name} and {policy.Focus.Name}.");
}
else
{
    var search = SearchOptimizer.For([policy.Focus, policy.Jitter, policy.Generator, policy.Instruction], new SearchOptions { Seed = 1 });
    trainer = new(RunRoundAsync, guide, search, trainerOptions);
    output.WriteLine($"The synthetic teacher writes the data; the baseline search tunes {string.Join(", ", search.Parameters.Select(p => p.Name))}.");
    foreach (var skipped in search.Skipped)
    {
        output.WriteLine($"{skipped.Parameter.Name} is left as is ({skipped.Reason}).");
    }
}

var result = await trainer.TrainAsync(Dataset.From([(heldOut, 1.0)], "held-out skill tasks"));

var table = new ReportTable([new("round", AlignRight: true), new("policy"), .. Skills.All.Select(s => new ReportColumn(s.Name, AlignRight: true)),
    new("mean", AlignRight: true), new("new", AlignRight: true), new("total", AlignRight: true)])
{
    Title = "Per-skill validation accuracy of the student after each round",
};
foreach (var r in records)
{
    table.AddRow([r.Round.ToString(CultureInfo.InvariantCulture), r.Policy.Length > 60 ? r.Policy[..59] + "…" : r.Policy, .. Skills.All.Select(s => (ReportCell)Format(r.Accuracy[s.Name])),
        Format(r.Mean), r.NewExamples.ToString(CultureInfo.InvariantCulture), r.TotalExamples.ToString(CultureInfo.InvariantCulture)]);
}

output.WriteLine();
output.WriteTable(table);
var first = records[0];
var best = records.MaxBy(r => r.Mean)!;
output.WriteLine($"Mean per-skill accuracy: first round {Format(first.Mean)}, best round {best.Round} {Format(best.Mean)} " +
    $"({string.Join(", ", Skills.All.Select(s => $"{s.Name} {Format(first.Accuracy[s.Name])}→{Format(best.Accuracy[s.Name])}"))}).");
output.WriteLine("The student retrains on all data written so far, so part of the rise comes from more data; the policy decides which data.");
if (!withLlm && args.Contains("--control"))
{
    // The same rounds with the initial policy held fixed, untraced: how far more data alone would have taken the student.
    var initial = new TeacherPolicy();
    var data = Skills.Uniformly(perSkill: 8, seed: 3);
    IReadOnlyDictionary<string, double>? errors = null;
    var mean = double.NaN;
    for (var round = 1; round <= records.Count; round++)
    {
        var batch = TeacherEngines.Generate(initial, budget, errors, seed: 1000 + round);
        data = batch.Data is { } added ? data.Concat(added) : data;
        var report = await StudentTraining.TrainAsync(data, heldOut, student.Snapshot(), trainingOptions);
        errors = report.PerSkill.ToDictionary(s => s.Name, s => 1 - s.Accuracy);
        mean = MeanSkillAccuracy(report);
    }

    output.WriteLine($"Control: the initial policy kept for all {records.Count} rounds ends at mean {Format(mean)}; the searched policies end at {Format(records[^1].Mean)}.");
}

output.WriteLine($"Best policy (restored): {Describe()}.");
if (!withLlm)
{
    output.WriteLine(llmProblem == LlmClientFactory.NotConfiguredMessage
        ? "To let an LLM teacher write the data and OptoPrime rewrite its instruction, configure a provider, e.g. " +
          "OPTO_LLM_PROVIDER=ollama OPTO_LLM_MODEL=llama3.2 (or OPENAI_API_KEY); see Opto.Llm's README."
        : $"The LLM provider is not usable, so the run stayed offline: {llmProblem}");
}

var plot = ScoreCurvePlot.SavePng(store.GetScoreCurve(runKey),
    Path.Combine(Path.GetDirectoryName(storePath)!, "plots", runKey + ".png"), title: "Teacher–student: mean per-skill accuracy per round");
output.WriteLine($"Run '{runKey}' ({result.Status}, {result.Steps.Count} steps) is in {storePath}; see it with: opto runs show {runKey}");
output.WriteLine($"Score plot: {plot}");
return 0;

// One round, traced: the teacher writes data by its policy, it joins the data so far, the student trains and is evaluated.
async ValueTask<Node<TrainingReport>> RunRoundAsync(StudentDataset tasks, CancellationToken cancellationToken)
{
    var round = records.Count + 1;
    var errors = Node.Input(new SkillErrors(lastErrors), "last_errors", "Each skill's validation error in the previous round.");
    var batch = withLlm
        ? await Bundle.InvokeAsync(TeacherEngines.Written, [policy.Instruction, policy.Focus, errors],
            ct => TeacherEngines.WriteAsync(teacherLlm!, policy, budget, lastErrors, ct), cancellationToken)
        : Bundle.Invoke(TeacherEngines.Synthetic, [policy.Focus, policy.Jitter, policy.Generator, errors],
            () => TeacherEngines.Generate(policy, budget, lastErrors, seed: 1000 + round));
    var soFar = accumulated;
    var training = Bundle.Invoke(accumulate, [Node.Input(soFar, "data_so_far"), batch],
        () => batch.Value.Data is { } added ? soFar.Concat(added) : soFar);

    var report = await StudentTraining.TrainAsync(training, Node.Input(tasks, "held_out_tasks"), student, trainingOptions,
        cancellationToken: cancellationToken);

    var accuracy = report.Value.PerSkill.ToDictionary(s => s.Name, s => s.Accuracy);
    accumulated = training.Value;
    lastErrors = accuracy.ToDictionary(p => p.Key, p => 1 - p.Value);
    var record = new RoundRecord(round, Describe(), accuracy, MeanSkillAccuracy(report.Value), batch.Value.Count, training.Value.Count, batch.Value.Notes);
    records.Add(record);
    Console.WriteLine($"round {round}: {record.Policy}; {batch.Value.Notes}; mean per-skill accuracy {Format(record.Mean)} on {record.TotalExamples} examples");
    return report;
}

string Describe() => withLlm
    ? $"focus {policy.Focus.Value:0.00}, instruction v{policy.Instruction.Version} \"{policy.Instruction.Value}\""
    : $"{policy.Generator.Value}, focus {policy.Focus.Value:0.00}, jitter {policy.Jitter.Value:0.00}";

static double MeanSkillAccuracy(TrainingReport report) => report.PerSkill.Average(s => s.Accuracy);

static string Format(double value) => value.ToString("0.000", CultureInfo.InvariantCulture);

int Option(string name, int fallback)
{
    var at = Array.IndexOf(args, name);
    return at >= 0 && at + 1 < args.Length && int.TryParse(args[at + 1], CultureInfo.InvariantCulture, out var value) && value > 0 ? value : fallback;
}

/// <summary>What one round did, for the table at the end.</summary>
internal sealed record RoundRecord(int Round, string Policy, IReadOnlyDictionary<string, double> Accuracy, double Mean,
    int NewExamples, int TotalExamples, string Notes);

/// <summary>The previous round's per-skill errors, as the teacher (and an optimizer reading the trace) sees them.</summary>
internal sealed record SkillErrors(IReadOnlyDictionary<string, double>? Errors)
{
    public override string ToString() => Errors is null
        ? "none yet (first round)"
        : string.Join(", ", Errors.OrderByDescending(e => e.Value).Select(e => string.Create(CultureInfo.InvariantCulture, $"'{e.Key}' {e.Value:0.00}")));
}
