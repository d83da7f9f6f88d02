using Opto.Llm;
using Opto.Trace;

namespace Opto.Trainer.Tests;

public class OptionsTests
{
    public static TheoryData<TrainerOptions, string> BadOptions => new()
    {
        { new TrainerOptions { BatchSize = 0 }, "BatchSize must be at least 1 (got 0)" },
        { new TrainerOptions { MaxDegreeOfParallelism = 0 }, "MaxDegreeOfParallelism must be at least 1 (got 0)" },
        { new TrainerOptions { MaxSteps = -3 }, "MaxSteps must be at least 1 (got -3)" },
        { new TrainerOptions { Patience = 0 }, "Patience must be at least 1 (got 0)" },
        { new TrainerOptions { Algorithm = TrainingAlgorithm.Search(proposals: 0) }, "Proposals must be at least 1 (got 0)" },
        { new TrainerOptions { Algorithm = TrainingAlgorithm.Beam(width: 0) }, "Width must be at least 1 (got 0)" },
        { new TrainerOptions { Algorithm = TrainingAlgorithm.Ucb(exploration: -1) }, "Exploration must be a finite number of at least 0 (got -1)" },
        { new TrainerOptions { Budget = new TrainingBudget { MaxTokens = 100 } }, "set Ledger to the ledger" },
        { new TrainerOptions { Budget = new TrainingBudget { Ledger = new UsageLedger(), MaxCost = -1m } }, "MaxCost must be positive (got -1)" },
    };

    [Theory]
    [MemberData(nameof(BadOptions))]
    public void Bad_settings_are_refused_with_the_setting_and_value_named(TrainerOptions options, string message)
    {
        var a = Problems.Factor();

        var error = Assert.ThrowsAny<ArgumentException>(() => new Trainer<double, double, double>(Problems.Multiply(a), Problems.ToleranceGuide(), new GridSearch(a, 1), options));

        Assert.Contains(message, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_empty_training_set_is_refused_with_its_name()
    {
        var a = Problems.Factor();
        var trainer = new Trainer<double, double, double>(Problems.Multiply(a), Problems.ToleranceGuide(), new GridSearch(a, 1));

        var error = await Assert.ThrowsAsync<ArgumentException>(() => trainer.TrainAsync(new Dataset<double, double>([], "train.jsonl")));

        Assert.Contains("'train.jsonl' is empty", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_batch_larger_than_the_training_set_uses_the_whole_set()
    {
        var a = Problems.Factor(3);
        var trainer = new Trainer<double, double, double>(Problems.Multiply(a), Problems.ToleranceGuide(), new GridSearch(a, 3),
            new TrainerOptions { BatchSize = 50, MaxSteps = 1 });

        var result = await trainer.TrainAsync(Problems.Data(3));

        Assert.Equal(3, result.Steps[0].Examples.Count);
    }

    [Fact]
    public void A_trainer_needs_an_optimizer_with_parameters()
    {
        var empty = new GridSearchWithoutParameters();

        var error = Assert.Throws<ArgumentException>(() =>
            new Trainer<double, double, double>(x => Node.Input(x), Problems.ToleranceGuide(), empty));

        Assert.Contains("no parameters", error.Message, StringComparison.Ordinal);
    }

    private sealed class GridSearchWithoutParameters : Opto.Optimizers.Baselines.SearchOptimizer
    {
        public override IReadOnlyList<IParameterNode> Parameters => [];

        public override IReadOnlyList<Opto.Optimizers.Baselines.SkippedParameter> Skipped => [];

        public override Opto.Optimizers.Baselines.SearchCandidate? Best => null;

        public override bool Converged => true;

        public override IReadOnlyList<Opto.Optimizers.OptimizerStep> History => [];

        public override Opto.Optimizers.OptimizerStep Propose() => throw new NotSupportedException();

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
