using Opto.Optimizers;
using Opto.Trace;
using Opto.Trainer.Runs;

namespace Opto.Trainer.Tests;

/// <summary>
/// A run interrupted after step k and resumed must write exactly what an uninterrupted run writes (timestamps and
/// durations aside): same batches, same proposals, same scores, same versions, same state.
/// </summary>
public class ResumeTests
{
    public static TheoryData<string, string> Cases => new()
    {
        { "minibatch", "llm" },
        { "minibatch", "search" },
        { "search", "llm" },
        { "search", "search" },
        { "beam", "search" },
        { "beam", "llm" },
        { "ucb", "llm" },
        { "ucb", "search" },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public async Task A_cancelled_run_resumes_and_writes_what_an_uninterrupted_run_writes(string algorithm, string optimizer)
    {
        const int Steps = 5;
        const int StopAfter = 2;
        var reference = new InMemoryRunJournal();
        var uninterrupted = await Build(algorithm, optimizer, reference, offset: 0, progress: null).Trainer.TrainAsync(Train, Validation);
        Assert.Equal(Steps, uninterrupted.LastStep);

        // First part: cancel as soon as step k is recorded.
        var journal = new InMemoryRunJournal();
        using var cts = new CancellationTokenSource();
        var stopper = new CancelAfterStep(StopAfter, cts);
        var first = Build(algorithm, optimizer, journal, offset: 0, stopper);
        var cancelled = await first.Trainer.TrainAsync(Train, Validation, cts.Token);
        Assert.Equal(RunStatus.Cancelled, cancelled.Status);
        Assert.Equal(RunStatus.Cancelled, journal.Runs["r"].End?.Status);
        Assert.Equal(StopAfter, journal.Runs["r"].Steps.Count);

        // Second part: fresh parameters, optimizer and client, as in a new process.
        var second = Build(algorithm, optimizer, journal, offset: first.Calls(), progress: null);
        var resumed = await second.Trainer.TrainAsync(Train, Validation);

        Assert.True(resumed.Resumed);
        Assert.Equal(StopAfter + 1, resumed.FirstStep);
        Assert.Equal(uninterrupted.Status, resumed.Status);
        Assert.Equal(
            reference.Runs["r"].Steps.Select(Problems.Comparable),
            journal.Runs["r"].Steps.Select(Problems.Comparable));
        Assert.Equal(uninterrupted.BestScore, resumed.BestScore);
        Assert.Equal(uninterrupted.BestValues, resumed.BestValues);
        Assert.Equal(first.Factor.Name, second.Factor.Name);
    }

    [Fact]
    public async Task A_finished_run_cannot_be_opened_again()
    {
        var journal = new InMemoryRunJournal();
        await Build("minibatch", "search", journal, 0, null).Trainer.TrainAsync(Train, Validation);

        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => Build("minibatch", "search", journal, 0, null).Trainer.TrainAsync(Train, Validation));

        Assert.Contains("already finished", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_failed_run_is_recorded_as_failed_rethrown_and_resumable()
    {
        var a = Problems.Factor(1);
        var journal = new InMemoryRunJournal();
        var failing = new FailingJournal(journal, failOnStep: 3);
        var search = new GridSearch(a, 2, 3, 4, 5);
        var trainer = new Trainer<double, double, double>(Problems.Multiply(a), Problems.ClosenessGuide(), search,
            new TrainerOptions { Journal = failing, RunKey = "f", MaxSteps = 4, StopWhenOptimizerDone = false });

        var error = await Assert.ThrowsAsync<IOException>(() => trainer.TrainAsync(Train));

        Assert.Equal("disk full", error.Message);
        Assert.Equal(RunStatus.Failed, journal.Runs["f"].End?.Status);
        Assert.Contains("disk full", journal.Runs["f"].End?.Message, StringComparison.Ordinal);
        Assert.Equal(3.0, a.Value); // back to the values of the last recorded step, not the unrecorded candidate

        var b = Problems.Factor(1);
        var retry = new Trainer<double, double, double>(Problems.Multiply(b), Problems.ClosenessGuide(), new GridSearch(b, 2, 3, 4, 5),
            new TrainerOptions { Journal = journal, RunKey = "f", MaxSteps = 4, StopWhenOptimizerDone = false, RestoreBestAtEnd = false });
        var result = await retry.TrainAsync(Train);

        Assert.Equal(3, result.FirstStep);
        Assert.Equal([1, 2, 3, 4], journal.Runs["f"].Steps.Select(s => s.Number));
        Assert.Equal(5.0, b.Value);
    }

    [Fact]
    public async Task A_resume_point_without_a_parameter_is_refused_with_its_name()
    {
        var journal = new InMemoryRunJournal();
        using var cts = new CancellationTokenSource();
        await Build("minibatch", "search", journal, 0, new CancelAfterStep(1, cts)).Trainer.TrainAsync(Train, Validation, cts.Token);
        var other = new ParameterNode<double>(1, "b");
        var trainer = new Trainer<double, double, double>(x => other * Node.Input(x), Problems.ClosenessGuide(), new GridSearch(other, 1),
            new TrainerOptions { Journal = journal, RunKey = "r" });

        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => trainer.TrainAsync(Train, Validation));

        Assert.Contains("parameter 'b'", error.Message, StringComparison.Ordinal);
    }

    private static Dataset<double, double> Train { get; } = Problems.Data(6);

    private static Dataset<double, double> Validation { get; } = Dataset.From([(1.5, 4.5), (2.5, 7.5)], "validation");

    private static Setup Build(string algorithm, string optimizer, IRunJournal journal, int offset, IProgress<TrainingProgress>? progress)
    {
        var a = Problems.Factor(1);
        var options = new TrainerOptions
        {
            Algorithm = algorithm switch
            {
                "minibatch" => TrainingAlgorithm.Minibatch(),
                "search" => TrainingAlgorithm.Search(proposals: 2),
                "beam" => TrainingAlgorithm.Beam(width: 2, proposals: 2),
                _ => TrainingAlgorithm.Ucb(bufferSize: 3),
            },
            MaxSteps = 5,
            BatchSize = 2,
            Seed = 11,
            // An LLM's prompt lists feedback in the order it arrived; one example at a time keeps that order fixed.
            MaxDegreeOfParallelism = optimizer == "llm" ? 1 : 3,
            StopWhenOptimizerDone = false,
            // Never reached in five steps, but its count (and the bar of 0.5) must survive the resume.
            Patience = 10,
            MinImprovement = 0.5,
            Journal = journal,
            RunKey = "r",
            Progress = progress,
        };
        if (optimizer == "llm")
        {
            var client = Problems.StepwiseClient(offset);
            var trainer = new Trainer<double, double, double>(Problems.Multiply(a), Problems.ClosenessGuide(), new OptoPrime([a], client), options);
            return new Setup(trainer, a, () => client.CallCount);
        }

        var search = new GridSearch(a, 0.5, 2, 5, 2.5, 3, 4, 3.5, 1.5, 6, 2.8, 3.2, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 20);
        return new Setup(new Trainer<double, double, double>(Problems.Multiply(a), Problems.ClosenessGuide(), search, options), a, () => 0);
    }

    private sealed record Setup(Trainer<double, double, double> Trainer, ParameterNode<double> Factor, Func<int> Calls);

    private sealed class CancelAfterStep(int step, CancellationTokenSource cts) : IProgress<TrainingProgress>
    {
        public void Report(TrainingProgress value)
        {
            if (value is StepFinished finished && finished.Record.Number == step)
            {
                cts.Cancel();
            }
        }
    }

    private sealed class FailingJournal(IRunJournal inner, int failOnStep) : IRunJournal
    {
        public ValueTask<ResumePoint?> BeginAsync(RunStart start, CancellationToken cancellationToken = default) => inner.BeginAsync(start, cancellationToken);

        public ValueTask RecordStepAsync(StepRecord record, CancellationToken cancellationToken = default) =>
            record.Number == failOnStep ? throw new IOException("disk full") : inner.RecordStepAsync(record, cancellationToken);

        public ValueTask CompleteAsync(RunEnd outcome, CancellationToken cancellationToken = default) => inner.CompleteAsync(outcome, cancellationToken);
    }
}
