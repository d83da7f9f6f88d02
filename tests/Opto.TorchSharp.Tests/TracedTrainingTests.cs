using Opto.Trace;
using Opto.TorchSharp;

namespace Opto.TorchSharp.Tests;

public sealed class TracedTrainingTests
{
    private static readonly StudentTrainingOptions Cpu = TestOptions.Cpu;

    [Fact]
    public async Task The_report_node_has_the_datasets_and_hyper_parameters_as_inputs()
    {
        var (train, validation) = SyntheticData.Blobs(200).Split(0.25, seed: 1);
        var hyper = new StudentHyperParameters(new StudentSettings(LearningRate: 0.01, Epochs: 3, HiddenWidth: 8, Depth: 1));
        using var scope = TraceScope.Begin();

        var report = await StudentTraining.TrainAsync(Node.Input(train, "training"), Node.Input(validation, "validation"), hyper, Cpu);

        Assert.Equal(NodeKind.Message, report.Kind);
        Assert.Same(StudentTraining.Operation, report.Operation);
        Assert.Equal(
            ["training_data", "validation_data", "learning_rate", "epochs", "batch_size", "hidden_width", "depth", "weight_decay", "optimizer"],
            report.Inputs.Select(i => i.Name));
        Assert.Equal(hyper.All.Cast<Node>(), report.Parents.Skip(2));
        Assert.Equal(3, report.Value.EpochsRun);
        Assert.Equal(0.01, report.Value.Settings.LearningRate);
    }

    [Fact]
    public async Task Backward_from_the_report_reaches_every_hyper_parameter()
    {
        var (train, validation) = SyntheticData.Blobs(200).Split(0.25, seed: 1);
        var hyper = new StudentHyperParameters(new StudentSettings(Epochs: 2, HiddenWidth: 8, Depth: 1));
        using var scope = TraceScope.Begin();
        var report = await StudentTraining.TrainAsync(Node.Input(train), Node.Input(validation), hyper, Cpu);

        report.Backward("validation accuracy is too low; train longer");

        Assert.All(hyper.All, p =>
        {
            var record = Assert.Single(p.Feedback);
            Assert.Equal("validation accuracy is too low; train longer", record.Text);
            Assert.Same(report, record.Output);
        });
    }

    [Fact]
    public async Task An_optimizer_can_change_a_hyper_parameter_between_runs()
    {
        var (train, validation) = SyntheticData.Blobs(200).Split(0.25, seed: 1);
        var hyper = new StudentHyperParameters(new StudentSettings(Epochs: 2, HiddenWidth: 8, Depth: 1));
        using var scope = TraceScope.Begin();

        var first = await StudentTraining.TrainAsync(Node.Input(train), Node.Input(validation), hyper, Cpu);
        hyper.Epochs.Value = 4;
        var second = await StudentTraining.TrainAsync(Node.Input(train), Node.Input(validation), hyper, Cpu);

        Assert.Equal(2, first.Value.EpochsRun);
        Assert.Equal(4, second.Value.EpochsRun);
        Assert.Equal(1, hyper.Epochs.Version);
    }

    [Fact]
    public async Task A_failed_run_becomes_an_exception_node_with_the_same_inputs()
    {
        var train = SyntheticData.Blobs(60, features: 4);
        var validation = SyntheticData.Blobs(20, features: 3);
        var hyper = new StudentHyperParameters();
        using var scope = TraceScope.Begin();

        var error = await Assert.ThrowsAsync<TraceExecutionException>(
            () => StudentTraining.TrainAsync(Node.Input(train), Node.Input(validation), hyper, Cpu));

        Assert.Equal("ArgumentException", error.Node.ErrorType);
        Assert.Contains("The validation examples have 3 features but the training examples 4.", error.Node.FeedbackText, StringComparison.Ordinal);
        Assert.Equal(9, error.Node.Parents.Count);
        error.Node.Backward(error.Node.FeedbackText);
        Assert.Single(hyper.LearningRate.Feedback);
    }

    [Fact]
    public async Task Cancellation_is_not_recorded_as_feedback()
    {
        var (train, validation) = SyntheticData.Blobs(100).Split(0.25, seed: 1);
        var hyper = new StudentHyperParameters();
        using var scope = TraceScope.Begin();
        using var cancel = new CancellationTokenSource();
        await cancel.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(
            () => StudentTraining.TrainAsync(Node.Input(train), Node.Input(validation), hyper, Cpu, cancellationToken: cancel.Token));

        Assert.DoesNotContain(scope.Graph.Nodes, n => n.Kind == NodeKind.Exception);
    }
}
