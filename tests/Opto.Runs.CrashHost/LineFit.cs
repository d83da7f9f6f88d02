using System.Globalization;
using Opto.Optimizers.Baselines;
using Opto.Trace;
using Opto.Trainer;
using Opto.Trainer.Runs;

namespace Opto.Runs.CrashHost;

/// <summary>
/// The run the crash tests kill: fit y = slope·x + intercept, rounded by a chosen mode, to ceil(0.8·x + 1.3) with the
/// search optimizer, which needs no LLM. Two numeric parameters and a categorical one, so the resumed state holds
/// the evolution strategy's steps, the bandit's pulls, the batch sampler and the algorithm's incumbent.
/// </summary>
internal static class LineFit
{
    public const string RunKey = "line-fit";

    private static readonly Operation Round = new("Round", "Rounds the line's value to a whole number with the chosen mode.", ["value", "mode"]);

    public static Task<TrainingResult> TrainAsync(IRunJournal journal, string algorithm, int steps)
    {
        // Created afresh in every process, as after a crash: everything else comes from the journal.
        var slope = new ParameterNode<double>(0.5, "slope", "How much y grows per unit of x.", ParameterConstraints.Range(0, 2));
        var intercept = new ParameterNode<double>(0, "intercept", "The value of y at x = 0.", ParameterConstraints.Range(-1, 3));
        var rounding = new ParameterNode<string>("floor", "rounding", "How the value is rounded.", ParameterConstraints.OneOf("floor", "nearest", "ceiling"));

        var search = SearchOptimizer.For([slope, intercept, rounding], new SearchOptions { Seed = 5 });
        var options = new TrainerOptions
        {
            Algorithm = algorithm switch
            {
                "minibatch" => TrainingAlgorithm.Minibatch(),
                "search" => TrainingAlgorithm.Search(proposals: 3),
                _ => throw new ArgumentException($"Unknown algorithm '{algorithm}'; use minibatch or search.", nameof(algorithm)),
            },
            Journal = journal,
            RunKey = RunKey,
            Seed = 3,
            MaxSteps = steps,
            BatchSize = 4,
            // One example at a time and every step taken, so the run is the same however often it is cut.
            MaxDegreeOfParallelism = 1,
            StopWhenOptimizerDone = false,
        };

        var guide = Guide.From<double, double, double>((x, y, expected) =>
            new GuideResult(-Math.Abs(y - expected), y == expected
                ? "exact"
                : string.Create(CultureInfo.InvariantCulture, $"for x = {x} the answer {y} is {Math.Abs(y - expected)} too {(y > expected ? "high" : "low")}")));
        var trainer = new Trainer<double, double, double>(
            x => Bundle.Invoke(Round, slope * Node.Input(x, "x") + intercept, rounding, Rounded),
            guide, search, options);

        // Every fifth example validates; the search algorithm needs it, minibatch trains on its batches alone.
        var examples = Enumerable.Range(1, 20).Select(i => (X: (double)i, Y: Math.Ceiling(0.8 * i + 1.3))).ToList();
        var training = Dataset.From(examples.Where(e => e.X % 5 != 0), "training");
        var validation = Dataset.From(examples.Where(e => e.X % 5 == 0), "validation");
        return trainer.TrainAsync(training, algorithm == "search" ? validation : null);
    }

    /// <summary>How the run ended and the trainer's best values, in one line the test compares between runs.</summary>
    public static string Describe(TrainingResult result)
    {
        var values = result.BestValues.OrderBy(v => v.Key, StringComparer.Ordinal)
            .Select(v => $"{v.Key}={Convert.ToString(v.Value, CultureInfo.InvariantCulture)}");
        return string.Create(CultureInfo.InvariantCulture,
            $"best {result.Status} after step {result.LastStep}: score {result.BestScore:R}, {string.Join(", ", values)}");
    }

    private static double Rounded(double value, string mode) => mode switch
    {
        "floor" => Math.Floor(value),
        "ceiling" => Math.Ceiling(value),
        _ => Math.Round(value, MidpointRounding.AwayFromZero),
    };
}
