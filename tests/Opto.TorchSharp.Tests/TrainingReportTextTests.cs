using Opto.TorchSharp;

namespace Opto.TorchSharp.Tests;

/// <summary>The rendering is what an optimizer reads; these pin it down exactly.</summary>
public sealed class TrainingReportTextTests
{
    private static TrainingReport Report(double[] train, double[] validation, double accuracy = 0.83,
        SliceMetrics[]? skills = null, SliceMetrics[]? classes = null, StudentSettings? settings = null) => new()
    {
        Settings = settings ?? StudentSettings.Default,
        TrainLosses = train,
        ValidationLosses = validation,
        ValidationAccuracies = [.. validation.Select((_, i) => i == validation.Length - 1 ? accuracy : 0.5)],
        PerClass = classes ?? [new("a", 100, 90), new("b", 100, 76)],
        PerSkill = skills ?? [],
        TrainingExamples = 800,
        ValidationExamples = 200,
        MajorityClassAccuracy = 0.5,
    };

    [Fact]
    public void A_run_that_overfits_says_after_which_epoch()
    {
        var report = Report([2.3, 1.2, 0.8, 0.6, 0.41], [2.2, 1.1, 0.35, 0.45, 0.52],
            skills: [new("add", 100, 95), new("mul", 100, 41)]);

        Assert.Equal(
            "loss 2.3→0.41 in 5 epochs; validation loss 0.52, accuracy 0.83 on 200 examples (majority class 0.50); " +
            "per skill, weakest first: 'mul' 0.41 (n=100), 'add' 0.95 (n=100); overfits after epoch 3 (validation loss 0.35 there, 0.52 at epoch 5).",
            report.ToString());
        Assert.Equal(3, report.OverfitAfterEpoch);
        Assert.False(report.StillImproving);
    }

    [Fact]
    public void A_run_still_improving_says_so_and_lists_classes_without_skills()
    {
        var report = Report([1.1, 0.7, 0.5], [1.0, 0.8, 0.6]);

        Assert.Equal(
            "loss 1.1→0.5 in 3 epochs; validation loss 0.6, accuracy 0.83 on 200 examples (majority class 0.50); " +
            "per class, weakest first: 'b' 0.76 (n=100), 'a' 0.90 (n=100); validation loss still falling at epoch 3.",
            report.ToString());
        Assert.Null(report.OverfitAfterEpoch);
        Assert.True(report.StillImproving);
    }

    [Fact]
    public void A_small_wobble_at_the_end_is_not_overfitting()
    {
        var report = Report([1.0, 0.8, 0.7, 0.65], [0.9, 0.5, 0.505, 0.508]);

        Assert.Null(report.OverfitAfterEpoch);
        Assert.DoesNotContain("overfits", report.Summary, StringComparison.Ordinal);
    }

    [Fact]
    public void A_diverged_run_names_the_epoch_and_the_learning_rate()
    {
        var report = Report([2.3, 9.5e12, double.NaN], [2.2, 1e13, double.NaN], accuracy: 0.33,
            settings: StudentSettings.Default with { LearningRate = 5, Optimizer = StudentOptimizers.Sgd });

        Assert.Equal(
            "training diverged at epoch 3: the loss went 2.3→NaN and training stopped (learning rate 5 is likely too high for sgd); " +
            "validation loss NaN, accuracy 0.33 on 200 examples (majority class 0.50).",
            report.ToString());
        Assert.True(report.Diverged);
        Assert.False(report.StillImproving);
    }

    [Fact]
    public void Many_slices_are_cut_after_the_weakest_few()
    {
        SliceMetrics[] classes = [.. Enumerable.Range(0, 10).Select(i => new SliceMetrics($"k{i}", 10, 10 - i))];
        var report = Report([1, 0.5], [1, 0.6], classes: classes);

        Assert.Contains(
            "per class, weakest first: 'k9' 0.10 (n=10), 'k8' 0.20 (n=10), 'k7' 0.30 (n=10), 'k6' 0.40 (n=10), 'k5' 0.50 (n=10), 'k4' 0.60 (n=10), and 4 more;",
            report.Summary, StringComparison.Ordinal);
    }

    [Fact]
    public void One_epoch_reads_in_the_singular()
    {
        var report = Report([0.9], [0.8]);

        Assert.StartsWith("loss 0.9→0.9 in 1 epoch;", report.Summary, StringComparison.Ordinal);
    }
}
