using BenchmarkDotNet.Attributes;
using Opto.Optimizers;
using Opto.Optimizers.Baselines;
using Opto.Trace;
using Opto.Trainer;

namespace Opto.Benchmarks;

/// <summary>
/// What the trainer adds per evaluated example (target: under 50 µs), with a workflow and a guide that do next to
/// nothing. <see cref="WorkflowAndGuideOnly"/> is the floor: the same workflow and guide called in a bare loop, each
/// in its own scope; the trainer's overhead is the difference. Every benchmark reports the time per example.
/// </summary>
[MemoryDiagnoser]
public class TrainerOverheadBenchmarks
{
    private const int Examples = 64;
    private ParameterNode<double> _factor = null!;
    private Dataset<double, double> _data = null!;
    private Guide<double, double, double> _guide = null!;
    private Func<double, CancellationToken, ValueTask<Node<double>>> _workflow = null!;
    private Evaluator<double, double, double> _serial = null!;
    private Evaluator<double, double, double> _parallel = null!;

    [GlobalSetup]
    public void Setup()
    {
        _factor = new ParameterNode<double>(3, "a");
        _data = Dataset.From(Enumerable.Range(1, Examples).Select(i => ((double)i, 3.0 * i)));
        _guide = Guide.From<double, double, double>((_, y, expected) => new GuideResult(y == expected ? 1 : 0, "ok"));
        _workflow = (x, _) => ValueTask.FromResult(_factor * Node.Input(x));
        _serial = new Evaluator<double, double, double>(_workflow, _guide, new EvaluationOptions { MaxDegreeOfParallelism = 1 });
        _parallel = new Evaluator<double, double, double>(_workflow, _guide, new EvaluationOptions { MaxDegreeOfParallelism = 4 });
    }

    /// <summary>The floor: workflow and guide in a plain loop, one scope per example, no trainer.</summary>
    [Benchmark(Baseline = true, OperationsPerInvoke = Examples)]
    public async Task<double> WorkflowAndGuideOnly()
    {
        double sum = 0;
        foreach (var example in _data)
        {
            using var scope = TraceScope.Begin();
            var output = await _workflow(example.Input, default);
            sum += (await _guide.AssessAsync(example.Input, output.Value, example.Expected)).Score;
        }

        return sum;
    }

    /// <summary>Evaluation, one example at a time: scope, error handling, outcome and record per example.</summary>
    [Benchmark(OperationsPerInvoke = Examples)]
    public async Task<double> EvaluateSerial() =>
        (await _serial.EvaluateAsync(_data, backward: false, EvaluationPhase.Test, 0, null, default)).MeanScore;

    /// <summary>Evaluation with each example's feedback sent back through its graph (the LLM-optimizer path).</summary>
    [Benchmark(OperationsPerInvoke = Examples)]
    public async Task<double> EvaluateSerialWithBackward()
    {
        var result = await _serial.EvaluateAsync(_data, backward: true, EvaluationPhase.Training, 1, null, default);
        _factor.ZeroFeedback();
        return result.MeanScore;
    }

    /// <summary>Evaluation through Parallel.ForEachAsync, four at a time.</summary>
    [Benchmark(OperationsPerInvoke = Examples)]
    public async Task<double> EvaluateParallel4() =>
        (await _parallel.EvaluateAsync(_data, backward: false, EvaluationPhase.Test, 0, null, default)).MeanScore;

    /// <summary>A whole training step of a 64-example batch (propose, evaluate, report, record, state), per example.</summary>
    [Benchmark(OperationsPerInvoke = Examples)]
    public async Task<double?> MinibatchStep()
    {
        var trainer = new Trainer<double, double, double>(_workflow, _guide, new SameValueSearch(_factor),
            new TrainerOptions { MaxSteps = 1, BatchSize = Examples, MaxDegreeOfParallelism = 1 });
        return (await trainer.TrainAsync(_data)).BestScore;
    }

    /// <summary>A search that always proposes the current value: the optimizer's cost is not what is measured.</summary>
    private sealed class SameValueSearch(ParameterNode<double> parameter) : SearchOptimizer
    {
        public override IReadOnlyList<IParameterNode> Parameters { get; } = [parameter];

        public override IReadOnlyList<SkippedParameter> Skipped => [];

        public override SearchCandidate? Best => null;

        public override bool Converged => false;

        public override IReadOnlyList<OptimizerStep> History => [];

        public override OptimizerStep Propose() => new() { Number = 1, Exchanges = [], Updates = [], Rejections = [] };

        public override void Report(double score)
        {
        }

        public override void RestoreBest()
        {
        }

        public override string SaveState() => "{}";

        public override void LoadState(string stateJson)
        {
        }
    }
}
