using Opto.Optimizers;
using Opto.Trace;

namespace Opto.Trainer.Tests;

public class EvaluationTests
{
    [Fact]
    public async Task Examples_run_in_parallel_up_to_the_bound_each_in_its_own_scope()
    {
        var a = Problems.Factor(3);
        var inFlight = 0;
        var maxInFlight = 0;
        var allFourStarted = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var graphs = new System.Collections.Concurrent.ConcurrentBag<(TraceGraph Graph, int Nodes)>();
        async ValueTask<Node<double>> Workflow(double x, CancellationToken ct)
        {
            var now = Interlocked.Increment(ref inFlight);
            InterlockedMax(ref maxInFlight, now);
            if (now == 4)
            {
                allFourStarted.TrySetResult();
            }

            var scope = TraceScope.Current!;
            var y = a * Node.Input(x, "x");
            // Hold the slot until four examples run at once, so the bound is reached whatever the timing.
            await allFourStarted.Task.WaitAsync(TimeSpan.FromSeconds(30), ct);
            var z = y + 1.0;
            graphs.Add((scope.Graph, scope.Graph.Nodes.Count));
            Interlocked.Decrement(ref inFlight);
            return z;
        }

        var trainer = new Trainer<double, double, double>(Workflow, Guide.NumericTolerance<double>(0.01), new GridSearch(a, 3),
            new TrainerOptions { MaxDegreeOfParallelism = 4 });

        var evaluation = await trainer.EvaluateAsync(Problems.Data(12).Select(e => e with { Expected = e.Expected + 1 }).ToList());

        Assert.Equal(4, maxInFlight);
        Assert.Equal(1.0, evaluation.MeanScore);
        Assert.Equal(12, graphs.Select(g => g.Graph).Distinct().Count());
        Assert.All(graphs, g => Assert.Equal(4, g.Nodes)); // x, a·x, the constant 1, the sum: nothing from other examples
        Assert.Null(TraceScope.Current);
    }

    [Fact]
    public async Task A_throwing_example_gets_the_error_score_and_text_and_the_others_go_on()
    {
        var a = Problems.Factor(3);
        var trainer = new Trainer<double, double, double>(
            x => x == 2 ? throw new InvalidOperationException("no twos") : a * Node.Input(x),
            Problems.ToleranceGuide(), new GridSearch(a, 3), new TrainerOptions { ErrorScore = -1, MaxDegreeOfParallelism = 2 });

        var evaluation = await trainer.EvaluateAsync(Problems.Data(3));

        Assert.Equal([1, -1, 1], evaluation.Outcomes.Select(o => o.Score));
        Assert.Equal("InvalidOperationException: no twos", evaluation.Outcomes[1].Error);
        Assert.Contains("no twos", evaluation.Outcomes[1].Feedback, StringComparison.Ordinal);
        Assert.Equal(1, evaluation.Errors);
        Assert.Equal(1.0 / 3, evaluation.MeanScore, 10);
    }

    [Fact]
    public async Task A_guide_that_throws_is_an_example_error_too()
    {
        var a = Problems.Factor(3);
        var guide = Guide.From<double, double, double>((x, _, _) => x > 1 ? throw new GuideException("cannot judge") : new GuideResult(1, "ok"));
        var trainer = new Trainer<double, double, double>(Problems.Multiply(a), guide, new GridSearch(a, 3));

        var evaluation = await trainer.EvaluateAsync(Problems.Data(2));

        Assert.Null(evaluation.Outcomes[0].Error);
        Assert.Equal("GuideException: cannot judge", evaluation.Outcomes[1].Error);
        Assert.Equal(6.0, evaluation.Outcomes[1].Output); // the output is kept even when the guide fails
    }

    [Fact]
    public async Task A_traced_failure_sends_its_error_report_to_the_parameters_that_led_to_it()
    {
        var a = Problems.Factor(0);
        var divide = new Operation("Divide", "Divides 12 by the factor.", ["factor"]);
        var client = Problems.StepwiseClient();
        var optimizer = new OptoPrime([a], client);
        var trainer = new Trainer<double, double, double>(
            x => Bundle.Invoke(divide, [a], () => a.Value == 0 ? throw new DivideByZeroException("the factor is zero") : 12 / a.Value * x),
            Problems.ToleranceGuide(), optimizer, new TrainerOptions { MaxSteps = 1, BatchSize = 1, MaxDegreeOfParallelism = 1, RestoreBestAtEnd = false });

        var result = await trainer.TrainAsync(Problems.Data(1));

        var example = Assert.Single(result.Steps[0].Examples);
        Assert.Contains("DivideByZeroException", example.Error, StringComparison.Ordinal);
        Assert.Contains("the factor is zero", example.Feedback, StringComparison.Ordinal);
        Assert.Contains("the factor is zero", client.Requests[0].LastUserText, StringComparison.Ordinal);
        Assert.Equal(2.0, a.Value);
    }

    [Fact]
    public async Task Progress_reports_steps_and_every_example()
    {
        var a = Problems.Factor(1);
        var events = new List<TrainingProgress>();
        var progress = new SynchronousProgress(events);
        var trainer = new Trainer<double, double, double>(Problems.Multiply(a), Problems.ToleranceGuide(), new GridSearch(a, 2, 3, 4),
            new TrainerOptions { MaxSteps = 2, BatchSize = 3, MaxDegreeOfParallelism = 1, Progress = progress, StopWhenOptimizerDone = false });

        await trainer.TrainAsync(Problems.Data(6));

        Assert.Equal([1, 2], events.OfType<StepStarted>().Select(e => e.Step));
        Assert.Equal([1, 2], events.OfType<StepFinished>().Select(e => e.Record.Number));
        var examples = events.OfType<ExampleEvaluated>().ToList();
        Assert.Equal(6, examples.Count);
        Assert.Equal([1, 2, 3, 1, 2, 3], examples.Select(e => e.Completed));
        Assert.All(examples, e => Assert.Equal(EvaluationPhase.Training, e.Phase));
    }

    private static void InterlockedMax(ref int target, int value)
    {
        int current;
        while ((current = Volatile.Read(ref target)) < value && Interlocked.CompareExchange(ref target, value, current) != current)
        {
        }
    }
}

/// <summary>Reports on the caller's thread, in order (Progress&lt;T&gt; would post to the thread pool).</summary>
internal sealed class SynchronousProgress(List<TrainingProgress> events) : IProgress<TrainingProgress>
{
    public void Report(TrainingProgress value)
    {
        lock (events)
        {
            events.Add(value);
        }
    }
}
