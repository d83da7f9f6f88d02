// A game-playing agent whose policy is trainable: ShotPolicy chooses each shot of a small Battleship game with a
// hunt/target heuristic. Its two knobs (HuntStride, HuntOrder) and the code of ChooseShot are parameters. The score
// of a game is its hit rate (hits per shot; sinking the fleet takes at least 12 shots, so 1 is perfect).
// Without an LLM, a search that needs none tunes the knobs and leaves the code as it is. With an LLM configured
// (OPTO_LLM_PROVIDER, OPTO_LLM_MODEL, ...), OptoPrime reads the games and may rewrite the code as well. A proposed
// body that throws, or loops forever (the sandbox stops it after its time budget), becomes feedback, not a crash.
// Every run is written to the run store: $OPTO_RUNS_DB, or .opto/runs.db under the current directory.
// Usage: dotnet run [max-steps] [training-boards]   (defaults: 30 steps without an LLM, 4 with one; 6 boards)
using System.Globalization;
using Opto.Examples.Battleship;
using Opto.LLamaSharp;
using Opto.Llm;
using Opto.Optimizers;
using Opto.Reporting;
using Opto.Optimizers.Baselines;
using Opto.Runs;
using Opto.Trace;
using Opto.Trainer;
using Opto.Trainer.Runs;

var hasLlm = LocalLlm.TryCreate(configuration: null, environment: null, out var llm, out var problem);
var maxSteps = args.Length > 0 ? int.Parse(args[0], CultureInfo.InvariantCulture) : hasLlm ? 4 : 30;

// Start from weak knobs: no checkerboard, row by row.
var policy = new ShotPolicy { HuntStride = 1, HuntOrder = "row-major" };
var declaredCode = policy.ChooseShotMethod.Code.Value;

// Training boards drive the optimizer; other boards, never seen in training, measure it before and after.
var training = Boards("training boards", 1, args.Length > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : 6);
var test = Boards("test boards", 1001, 20);

// A game's hit rate is its score; the feedback says how it went, in words an LLM can act on.
var guide = Guide.From<int, GameResult, int>((seed, game, fewest) => new GuideResult(
    game.Finished ? game.HitRate : 0,
    $"Board {seed}: {game}. The fewest possible is {fewest} shots." +
    (game.Wasted > 0 ? " Every shot must go to a '.' cell." : "")));

using var store = RunStore.Open(RunStoreLocation.Resolve(explicitPath: null, Directory.GetCurrentDirectory()));
var runKey = $"battleship-{DateTime.UtcNow:yyyyMMdd-HHmmss-fff}";
var options = new TrainerOptions
{
    MaxSteps = maxSteps,
    MaxDegreeOfParallelism = hasLlm ? 1 : 4,   // with an LLM, the same order every run keeps the prompt reproducible
    BatchSize = training.Count,
    Journal = store.OpenJournal(),
    RunKey = runKey,
    Progress = TrainingProgress.OnStepFinished(StepLines.Print),
};
Node<GameResult> Workflow(int seed) => policy.Play(Node.Input(seed, "seed", "The seed that placed the ships."));

Trainer<int, GameResult, int> trainer;
if (hasLlm)
{
    var optimizer = new OptoPrime(policy.Parameters(), llm!, new OptoPrimeOptions
    {
        Objective = "Sink the fleet in as few shots as possible: raise the hit rate of every game. You may change the knobs and the code of ChooseShot.",
    });
    trainer = new Trainer<int, GameResult, int>(Workflow, guide, optimizer, options);
}
else
{
    var search = SearchOptimizer.For(policy.Parameters(), new SearchOptions { Seed = 7 });
    foreach (var skipped in search.Skipped)
    {
        Console.WriteLine($"The search leaves {skipped.Parameter.Name} as it is: {skipped.Reason}");
    }

    trainer = new Trainer<int, GameResult, int>(Workflow, guide, search, options);
}

var before = await trainer.EvaluateAsync(test);
Console.WriteLine($"Before: {Describe(before)} with HuntStride {policy.HuntStride}, HuntOrder {policy.HuntOrder}");

// With an LLM, the training boards are also the validation set, so that each proposal is scored as soon as it is made.
var result = await trainer.TrainAsync(training, hasLlm ? training : null);
Console.WriteLine($"Training ended: {result.Status} ({result.Message}); run '{runKey}' stored in {store.Path} (opto runs show {runKey})");

var after = await trainer.EvaluateAsync(test);
Console.WriteLine($"After:  {Describe(after)} with HuntStride {policy.HuntStride}, HuntOrder {policy.HuntOrder}");
Console.WriteLine(policy.ChooseShotMethod.Code.Value == declaredCode
    ? "The code of ChooseShot is unchanged."
    : "ChooseShot now runs this code:\n" + policy.ChooseShotMethod.Code.Value);
if (!hasLlm)
{
    Console.WriteLine(problem == LlmClientFactory.NotConfiguredMessage
        ? "No LLM provider is configured, so only the knobs were tuned: set OPTO_LLM_PROVIDER and OPTO_LLM_MODEL (and OPTO_LLM_ENDPOINT " +
          "or OPTO_LLM_API_KEY) to let OptoPrime rewrite ChooseShot too."
        : "The LLM provider is not usable, so only the knobs were tuned:\n" + problem);
}

static Dataset<int, int> Boards(string name, int firstSeed, int count) =>
    new([.. Enumerable.Range(firstSeed, count).Select(seed => new Example<int, int>($"board {seed}", seed, Game.ShipCells))], name);

static string Describe(Evaluation<GameResult> evaluation)
{
    var finished = evaluation.Outcomes.Where(o => o.Output is { Finished: true }).ToList();
    var shots = finished.Count == 0 ? double.NaN : finished.Average(o => o.Output!.Shots);
    return string.Create(CultureInfo.InvariantCulture,
        $"hit rate {evaluation.MeanScore:P1}, {shots:0.0} shots per game on average, {evaluation.Outcomes.Count - finished.Count} of {evaluation.Outcomes.Count} games unfinished or failed");
}

/// <summary>One line per finished training step.</summary>
internal static class StepLines
{
    public static void Print(StepRecord step)
    {
        var changes = step.Changes.Count == 0 ? "no change"
            : string.Join(", ", step.Changes.Select(c => c.Name == "ChooseShot" ? "ChooseShot (new code)" : $"{c.Name} {c.OldValueJson} -> {c.NewValueJson}"));
        // Training and validation games alike: a proposal that throws or hangs shows up here, and the run goes on.
        var failed = step.Examples.Where(e => e.Error is not null).ToList();
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"step {step.Number}: hit rate {step.Score:P1}{(step.ValidationScore is { } v ? $", after the proposal {v:P1}" : "")}" +
            $"{(failed.Count > 0 ? $", {failed.Count} game{(failed.Count == 1 ? "" : "s")} failed ({failed[0].Error})" : "")}; {changes}"));
    }
}
