// Optimizes a prompt on 40 arithmetic word problems (problems.jsonl): the system instructions and the
// answer-format instruction of MathSolver are trainable, a chat model solves each problem, and the grader takes
// the number on the reply's "Answer: ..." line and compares it exactly with the right answer. The search with
// validation asks OptoPrime for new prompts from the graded training problems and keeps the one that solves
// most validation problems. The run is stored in the SQLite run store (.opto/runs.db, or OPTO_RUNS_DB).
//
// It needs a model for the task: any provider of OPTO_LLM_PROVIDER (also a local .gguf file) serves both as the
// task model and as the optimizer. Without one, nothing is evaluated.
//
//   dotnet run --project examples/06-PromptOptimization
//     [-- --steps N] [-- --proposals N] [-- --limit N (use only the first N problems)]
//     [-- --parallel N (problems solved at once; 1 keeps the requests in a fixed order)]
using System.Globalization;
using Opto.Examples.PromptOptimization;
using Opto.LLamaSharp;
using Opto.Optimizers;
using Opto.Reporting;
using Opto.Runs;
using Opto.Trace;
using Opto.Trainer;

var steps = IntArg("--steps") ?? 3;
var proposals = IntArg("--proposals") ?? 2;
var parallel = IntArg("--parallel") ?? 4;
var limit = IntArg("--limit");

if (!LocalLlm.TryCreate(configuration: null, environment: null, out var llm, out var problem))
{
    Console.WriteLine("This example optimizes a prompt, so it needs a model to answer with it, and none is configured: nothing was evaluated.");
    Console.WriteLine("Set OPTO_LLM_PROVIDER and OPTO_LLM_MODEL (e.g. openai and gpt-4o-mini with OPTO_LLM_API_KEY, ollama and llama3.2, " +
        "or gguf and the path of a .gguf file) and run again.");
    if (problem != Opto.Llm.LlmClientFactory.NotConfiguredMessage)
    {
        Console.WriteLine(problem);
    }

    return 0;
}

using var _ = llm;
var problems = Dataset.FromJsonl<string, string>(Path.Combine(AppContext.BaseDirectory, "problems.jsonl"), "question", "answer", "id");
if (limit is { } count)
{
    problems = problems.Take(count);
}

var (training, validation) = problems.Split(0.5, seed: 6);

// A first prompt that solves problems but says nothing about the form of the answer.
var solver = new MathSolver(llm) { Instructions = "You are good at arithmetic.", AnswerFormat = "Keep your reply short." };

// Exact match on the parsed answer; the feedback says what the grader could not read or what was wrong.
var guide = Guide.From<string, string, string>((_, reply, expected) => MathSolver.FinalAnswer(reply) switch
{
    null => new GuideResult(0, $"The grader found no line 'Answer: <number>' in the reply, so it counts as wrong. The right answer is {expected}."),
    var answer when answer == expected => new GuideResult(1, "Correct."),
    var answer => new GuideResult(0, $"The final answer {answer} is wrong; the right answer is {expected}."),
});

using var store = RunStore.Open(RunStoreLocation.Resolve(explicitPath: null, Directory.GetCurrentDirectory()));
var runKey = $"prompt-{DateTime.UtcNow:yyyyMMdd-HHmmss-fff}";

var trainer = new Trainer<string, string, string>(
    async (question, ct) => await solver.SolveAsync(Node.Input(question, "question"), ct),
    guide,
    new OptoPrime(solver.Parameters(), llm, new OptoPrimeOptions { Objective = "Make the model solve the word problems and write the final answer so the grader can read it." }),
    new TrainerOptions
    {
        Algorithm = TrainingAlgorithm.Search(proposals),
        MaxSteps = steps,
        BatchSize = 4,
        Seed = 6,
        MaxDegreeOfParallelism = parallel,
        Journal = store.OpenJournal(),
        RunKey = runKey,
    });

Console.WriteLine($"{training.Count} training and {validation.Count} validation problems; run '{runKey}' in {store.Path}");
var before = await trainer.EvaluateAsync(validation);
var result = await trainer.TrainAsync(training, validation);
var after = await trainer.EvaluateAsync(validation);

Console.WriteLine($"The run ended after step {result.LastStep}: {result.Message}.");
Console.WriteLine($"Validation problems solved: {Solved(before)} before, {Solved(after)} after.");
Console.WriteLine($"Instructions:  {solver.Instructions}");
Console.WriteLine($"Answer format: {solver.AnswerFormat}");
return 0;

string Solved(Evaluation<string> evaluation) =>
    string.Create(CultureInfo.InvariantCulture, $"{evaluation.Outcomes.Count(o => o.Score == 1)}/{evaluation.Outcomes.Count}");

int? IntArg(string name)
{
    var index = Array.IndexOf(args, name);
    return index >= 0 && index + 1 < args.Length ? int.Parse(args[index + 1], CultureInfo.InvariantCulture) : null;
}
