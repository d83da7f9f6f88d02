using System.Diagnostics;
using System.Globalization;
using Microsoft.Extensions.AI;
using Opto.Optimizers;
using Opto.Optimizers.Baselines;
using Opto.Testing;
using Opto.Trace;
using Opto.Trainer;

namespace Opto.Benchmarks;

/// <summary>
/// Whether parallel evaluation scales (target: 8-way at least 6× faster than serial): every example's workflow makes
/// one call to a scripted LLM that answers after 20 ms, and the same 64 examples are evaluated with 1, 2, 4 and 8
/// at a time. Wall-clock medians of a few repetitions, printed as a markdown table.
/// </summary>
internal static class ParallelEvaluationHarness
{
    private const int Examples = 64;
    private static readonly TimeSpan CallLatency = TimeSpan.FromMilliseconds(20);

    public static async Task RunAsync()
    {
        var client = new ScriptedChatClient { Responder = _ => ScriptedStep.Reply("42").After(CallLatency) };
        var factor = new ParameterNode<double>(3, "a");
        var data = Dataset.From(Enumerable.Range(1, Examples).Select(i => ((double)i, 3.0 * i)));
        var guide = Guide.NumericTolerance<double>(0.01);

        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"Parallel evaluation — {DateTime.UtcNow:yyyy-MM-dd HH:mm} UTC, {Environment.ProcessorCount} CPUs, .NET {Environment.Version}; {Examples} examples, one {CallLatency.TotalMilliseconds:0} ms LLM call each"));
        Console.WriteLine();
        Console.WriteLine("| parallelism | median wall time | speed-up vs 1 | ideal |");
        Console.WriteLine("|---|---|---|---|");
        double? serial = null;
        foreach (var degree in (int[])[1, 2, 4, 8])
        {
            var trainer = new Trainer<double, double, double>(
                async (x, ct) =>
                {
                    await client.GetResponseAsync("answer", cancellationToken: ct);
                    return factor * Node.Input(x);
                },
                guide, new FixedSearch(factor), new TrainerOptions { MaxDegreeOfParallelism = degree });
            await trainer.EvaluateAsync(data.Take(degree)); // warm-up
            var times = new List<double>();
            for (var rep = 0; rep < 5; rep++)
            {
                var watch = Stopwatch.StartNew();
                var evaluation = await trainer.EvaluateAsync(data);
                times.Add(watch.Elapsed.TotalMilliseconds);
                if (evaluation.MeanScore != 1)
                {
                    throw new InvalidOperationException("The evaluation went wrong: " + evaluation.Outcomes.First(o => o.Score != 1).Feedback);
                }
            }

            var median = times.Order().ElementAt(times.Count / 2);
            serial ??= median;
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"| {degree} | {median:0} ms | {serial.Value / median:0.00}× | {degree}× |"));
        }
    }

    /// <summary>A search that proposes nothing; the harness only evaluates.</summary>
    private sealed class FixedSearch(ParameterNode<double> parameter) : SearchOptimizer
    {
        public override IReadOnlyList<IParameterNode> Parameters { get; } = [parameter];

        public override IReadOnlyList<SkippedParameter> Skipped => [];

        public override SearchCandidate? Best => null;

        public override bool Converged => true;

        public override IReadOnlyList<OptimizerStep> History => [];

        public override OptimizerStep Propose() => throw new NotSupportedException();

        public override void Report(double score) => throw new NotSupportedException();

        public override void RestoreBest()
        {
        }

        public override string SaveState() => "{}";

        public override void LoadState(string stateJson)
        {
        }
    }
}
