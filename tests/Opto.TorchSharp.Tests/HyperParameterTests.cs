using Opto.TorchSharp;

namespace Opto.TorchSharp.Tests;

public sealed class HyperParameterTests
{
    [Fact]
    public void The_defaults_are_allowed_and_named_under_the_prefix()
    {
        var hyper = new StudentHyperParameters(prefix: "teacher.student");

        Assert.Empty(StudentSettings.Default.Validate());
        Assert.Equal(StudentSettings.Default, hyper.Snapshot());
        Assert.Equal(
            ["teacher.student.learning_rate", "teacher.student.epochs", "teacher.student.batch_size", "teacher.student.hidden_width",
                "teacher.student.depth", "teacher.student.weight_decay", "teacher.student.optimizer"],
            hyper.All.Select(p => p.Name));
        Assert.All(hyper.All, p => Assert.True(p.Trainable));
        Assert.All(hyper.All, p => Assert.False(string.IsNullOrWhiteSpace(p.Description)));
    }

    [Fact]
    public void Values_out_of_range_are_refused_with_the_parameter_and_the_range()
    {
        var hyper = new StudentHyperParameters();

        var rate = Assert.Throws<ArgumentException>(() => hyper.LearningRate.Value = 50);
        var epochs = Assert.Throws<ArgumentException>(() => hyper.Epochs.Value = 0);
        var optimizer = Assert.Throws<ArgumentException>(() => hyper.Optimizer.Value = "rmsprop");

        Assert.StartsWith("Parameter 'student.learning_rate' refused the value: 50 is above the maximum 10", rate.Message, StringComparison.Ordinal);
        Assert.StartsWith("Parameter 'student.epochs' refused the value: 0 is below the minimum 1", epochs.Message, StringComparison.Ordinal);
        Assert.StartsWith("Parameter 'student.optimizer' refused the value: rmsprop is not one of adam, adamw, sgd", optimizer.Message, StringComparison.Ordinal);
        Assert.Equal(StudentSettings.Default, hyper.Snapshot());
    }

    [Fact]
    public void Allowed_values_are_taken_and_counted()
    {
        var hyper = new StudentHyperParameters();

        Assert.True(hyper.BatchSize.TrySetValue(128, out _));
        Assert.True(hyper.Depth.TrySetBoxed(0, out _));
        Assert.False(hyper.WeightDecay.TrySetValue(-0.1, out var reason));

        Assert.Equal("-0.1 is below the minimum 0", reason);
        Assert.Equal(StudentSettings.Default with { BatchSize = 128, Depth = 0 }, hyper.Snapshot());
    }

    [Fact]
    public void A_starting_value_out_of_range_is_refused()
    {
        var error = Assert.Throws<ArgumentException>(() => new StudentHyperParameters(new StudentSettings(HiddenWidth: 0)));

        Assert.StartsWith("The initial value of parameter 'student.hidden_width' breaks its constraints: 0 is below the minimum 1", error.Message,
            StringComparison.Ordinal);
    }

    [Fact]
    public void The_ranges_are_described_for_an_optimizer()
    {
        Assert.Equal("between 1E-06 and 10 inclusive", StudentHyperParameters.LearningRateConstraints.Describe());
        Assert.Equal("one of adam, adamw, sgd", StudentHyperParameters.OptimizerConstraints.Describe());
        Assert.Equal("adam lr 0.001, 20 epochs, batch 32, 2×64 hidden, weight decay 0", StudentSettings.Default.ToString());
    }
}
