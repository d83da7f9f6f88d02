using System.Globalization;
using Opto.Trace;

namespace Opto.TorchSharp;

/// <summary>
/// The hyper-parameter values of one training run, as plain values (what <see cref="StudentHyperParameters"/> holds
/// as trainable nodes). Every value must lie within the matching constraint of <see cref="StudentHyperParameters"/>.
/// </summary>
/// <param name="LearningRate">The optimizer's step size.</param>
/// <param name="Epochs">Passes over the training data.</param>
/// <param name="BatchSize">Examples per optimizer step.</param>
/// <param name="HiddenWidth">Units in each hidden layer.</param>
/// <param name="Depth">Hidden layers (0 gives a linear classifier).</param>
/// <param name="WeightDecay">L2 penalty (decoupled for AdamW).</param>
/// <param name="Optimizer">One of <see cref="StudentOptimizers.All"/>.</param>
public sealed record StudentSettings(
    double LearningRate = 1e-3,
    int Epochs = 20,
    int BatchSize = 32,
    int HiddenWidth = 64,
    int Depth = 2,
    double WeightDecay = 0,
    string Optimizer = StudentOptimizers.Adam)
{
    /// <summary>The defaults: Adam at 1e-3, 20 epochs, batches of 32, two hidden layers of 64, no weight decay.</summary>
    public static StudentSettings Default { get; } = new();

    /// <summary>Checks every value against its constraint.</summary>
    /// <returns>One sentence per value that breaks its constraint; empty when all are allowed.</returns>
    public IReadOnlyList<string> Validate()
    {
        var problems = new List<string>();
        Check(problems, StudentHyperParameters.LearningRateName, LearningRate, StudentHyperParameters.LearningRateConstraints);
        Check(problems, StudentHyperParameters.EpochsName, Epochs, StudentHyperParameters.EpochsConstraints);
        Check(problems, StudentHyperParameters.BatchSizeName, BatchSize, StudentHyperParameters.BatchSizeConstraints);
        Check(problems, StudentHyperParameters.HiddenWidthName, HiddenWidth, StudentHyperParameters.HiddenWidthConstraints);
        Check(problems, StudentHyperParameters.DepthName, Depth, StudentHyperParameters.DepthConstraints);
        Check(problems, StudentHyperParameters.WeightDecayName, WeightDecay, StudentHyperParameters.WeightDecayConstraints);
        Check(problems, StudentHyperParameters.OptimizerName, Optimizer, StudentHyperParameters.OptimizerConstraints);
        return problems;
    }

    /// <summary>Throws when any value breaks its constraint.</summary>
    /// <exception cref="ArgumentException">Lists every value that breaks its constraint.</exception>
    public void ThrowIfInvalid()
    {
        var problems = Validate();
        if (problems.Count > 0)
        {
            throw new ArgumentException("The student's hyper-parameters are not allowed: " + string.Join("; ", problems) + ".");
        }
    }

    /// <summary>The settings in a few words, e.g. <c>adam lr 0.001, 20 epochs, batch 32, 2×64 hidden, weight decay 0</c>.</summary>
    /// <returns>The description.</returns>
    public override string ToString() => string.Create(CultureInfo.InvariantCulture,
        $"{Optimizer} lr {LearningRate:G3}, {Epochs} epochs, batch {BatchSize}, {Depth}×{HiddenWidth} hidden, weight decay {WeightDecay:G3}");

    private static void Check(List<string> problems, string name, object value, ParameterConstraints constraints)
    {
        if (constraints.Check(value) is { } problem)
        {
            problems.Add($"{name}: {problem}");
        }
    }
}
