// Automated agent design. A Semantic Kernel agent answers twelve tasks with numeric answers; its instructions, tool
// settings (which tools are on, how many decimals, the model's temperature) and its whole workflow method are
// trainable. The tools are Semantic Kernel native functions: a calculator, a unit converter and a product table.
// With an LLM configured (OPTO_LLM_PROVIDER, OPTO_LLM_MODEL, ...), it is both the agent's model and OptoPrime's, and
// OptoPrime may change everything: instructions, settings and the workflow's code.
// Without one, the agent has no model either, but its workflow routes most tasks to tools directly, so a search that
// needs no LLM can still tune the tool settings against the tasks; the instructions, the temperature and the code stay.
// Every run is written to the run store: $OPTO_RUNS_DB, or .opto/runs.db under the current directory.
// Usage: dotnet run [max-steps]   (default: 40 without an LLM, 3 with one)
using System.Globalization;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.SemanticKernel;
using Microsoft.SemanticKernel.ChatCompletion;
using Opto.Examples.AgentDesign;
using Opto.LLamaSharp;
using Opto.Llm;
using Opto.Optimizers;
using Opto.Reporting;
using Opto.Optimizers.Baselines;
using Opto.Runs;
using Opto.SemanticKernel;
using Opto.Trace;
using Opto.Trainer;
using Opto.Trainer.Runs;

var hasLlm = LocalLlm.TryCreate(configuration: null, environment: null, out var llm, out var problem);
var maxSteps = args.Length > 0 ? int.Parse(args[0], CultureInfo.InvariantCulture) : hasLlm ? 3 : 40;

var builder = Kernel.CreateBuilder();
builder.Plugins.AddFromType<Tools>("tools");
if (hasLlm)
{
    builder.Services.AddSingleton<IChatCompletionService>(llm!.AsKernelChatCompletionService());
}

var agent = new Agent(builder.Build())
{
    Instructions = "You are a helpful assistant.",
    Temperature = 0.7,
    UseCalculator = false,
    UseConverter = true,
    UseLookup = false,
    Decimals = 0,
};
var declaredCode = agent.SolveAsyncMethod.Code.Value;

using var store = RunStore.Open(RunStoreLocation.Resolve(explicitPath: null, Directory.GetCurrentDirectory()));
var runKey = $"agent-design-{DateTime.UtcNow:yyyyMMdd-HHmmss-fff}";
var options = new TrainerOptions
{
    MaxSteps = maxSteps,
    BatchSize = TaskSuite.Tasks.Count,
    MaxDegreeOfParallelism = 1,   // one task at a time: the model's calls come in the same order every run
    Journal = store.OpenJournal(),
    RunKey = runKey,
    Progress = TrainingProgress.OnStepFinished(StepLines.Print),
};

// One traced run of the agent: the toolbox (built from the settings) and the task go into the workflow.
async ValueTask<Node<string>> Workflow(string task, CancellationToken cancellationToken) =>
    await agent.SolveAsync(Node.Input(task, "task", "The task to answer."), agent.EquipTraced(), cancellationToken);

Trainer<string, string, double> trainer;
if (hasLlm)
{
    var optimizer = new OptoPrime(agent.Parameters(), llm!, new OptoPrimeOptions
    {
        Objective = "Answer every task correctly: the answer must start with the number asked for. You may change the instructions, the settings and the code of SolveAsync.",
    });
    trainer = new Trainer<string, string, double>(Workflow, TaskSuite.Guide, optimizer, options);
}
else
{
    // Only the tool settings: without a model, the temperature and the instructions change nothing, and code needs an LLM.
    string[] toolSettings = ["UseCalculator", "UseConverter", "UseLookup", "Decimals"];
    var search = SearchOptimizer.For(agent.Parameters().Where(p => toolSettings.Contains(p.Name)), new SearchOptions { Seed = 3 });
    trainer = new Trainer<string, string, double>(Workflow, TaskSuite.Guide, search, options);
}

var before = await trainer.EvaluateAsync(TaskSuite.Tasks);
Console.WriteLine($"Before: {Describe(before)}; {Settings()}");

// With an LLM, the tasks are also the validation set, so that each proposal is scored as soon as it is made.
var result = await trainer.TrainAsync(TaskSuite.Tasks, hasLlm ? TaskSuite.Tasks : null);
Console.WriteLine($"Training ended: {result.Status} ({result.Message}); run '{runKey}' stored in {store.Path} (opto runs show {runKey})");

var after = await trainer.EvaluateAsync(TaskSuite.Tasks);
Console.WriteLine($"After:  {Describe(after)}; {Settings()}");
foreach (var failed in after.Outcomes.Where(o => o.Score < 1))
{
    Console.WriteLine($"  still wrong: {failed.ExampleId}: {failed.Error ?? failed.Feedback}");
}

Console.WriteLine($"Instructions: \"{agent.Instructions}\"");
Console.WriteLine(agent.SolveAsyncMethod.Code.Value == declaredCode
    ? "The code of SolveAsync is unchanged."
    : "SolveAsync now runs this code:\n" + agent.SolveAsyncMethod.Code.Value);
if (!hasLlm)
{
    Console.WriteLine("Left as they were: Instructions and Temperature (no model to use them) and the code of SolveAsync (only an LLM rewrites code).");
    Console.WriteLine(problem == LlmClientFactory.NotConfiguredMessage
        ? "No LLM provider is configured, so the agent had no model and only the tool settings were tuned: set OPTO_LLM_PROVIDER and " +
          "OPTO_LLM_MODEL (and OPTO_LLM_ENDPOINT or OPTO_LLM_API_KEY) to give it one and let OptoPrime redesign it."
        : "The LLM provider is not usable, so only the tool settings were tuned:\n" + problem);
}

string Settings() => string.Create(CultureInfo.InvariantCulture,
    $"calculator {agent.UseCalculator}, converter {agent.UseConverter}, lookup {agent.UseLookup}, decimals {agent.Decimals}, temperature {agent.Temperature}");

static string Describe(Evaluation<string> evaluation) =>
    $"{evaluation.Outcomes.Count(o => o.Score >= 1)}/{evaluation.Outcomes.Count} tasks answered correctly";

/// <summary>One line per finished training step.</summary>
internal static class StepLines
{
    public static void Print(StepRecord step)
    {
        var changes = step.Changes.Count == 0 ? "no change"
            : string.Join(", ", step.Changes.Select(c => c.Name == "SolveAsync" ? "SolveAsync (new code)" : $"{c.Name} {Short(c.OldValueJson)} -> {Short(c.NewValueJson)}"));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"step {step.Number}: {step.Score:P0} correct{(step.ValidationScore is { } v ? $", after the proposal {v:P0}" : "")}; {changes}"));
    }

    private static string Short(string json) => json.Length <= 40 ? json : json[..37] + "...";
}
