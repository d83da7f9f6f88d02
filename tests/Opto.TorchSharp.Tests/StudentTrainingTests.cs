using Opto.TorchSharp;

namespace Opto.TorchSharp.Tests;

public sealed class StudentTrainingTests
{
    private static readonly StudentSettings Small = new(LearningRate: 0.01, Epochs: 8, BatchSize: 32, HiddenWidth: 16, Depth: 1);

    [Fact]
    public void A_small_run_learns_separable_classes()
    {
        var (train, validation) = SyntheticData.Blobs(600).Split(0.25, seed: 3);

        var report = StudentTraining.Train(train, validation, Small, new StudentTrainingOptions { ForceCpu = true });

        Assert.Equal(8, report.EpochsRun);
        Assert.True(report.ValidationAccuracy > 0.9, report.Summary);
        Assert.True(report.TrainLosses[^1] < report.TrainLosses[0] / 2, report.Summary);
        Assert.False(report.Diverged);
        Assert.Equal("cpu", report.Device);
        Assert.Equal(150, report.ValidationExamples);
        Assert.Equal(["c0", "c1", "c2"], report.PerClass.Select(s => s.Name));
        Assert.Equal(150, report.PerClass.Sum(s => s.Count));
        Assert.Equal(["easy", "hard"], report.PerSkill.Select(s => s.Name));
    }
}
