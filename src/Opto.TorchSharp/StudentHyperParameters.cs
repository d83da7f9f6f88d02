using Opto.Trace;

namespace Opto.TorchSharp;

/// <summary>
/// The student's hyper-parameters as trainable <see cref="ParameterNode{T}"/>s with ranges, so that an optimizer
/// can tune them from the training report. Pass the set to
/// <see cref="StudentTraining.TrainAsync(Node{StudentDataset}, Node{StudentDataset}, StudentHyperParameters, StudentTrainingOptions?, IProgress{TrainingProgress}?, CancellationToken)"/>;
/// feedback given to the report reaches every node here.
/// </summary>
/// <remarks>
/// The model is a multi-layer perceptron whose shape is set by <see cref="HiddenWidth"/> and <see cref="Depth"/>;
/// its definition is not itself trainable code. A value outside a range is refused by the node with a message that
/// names the parameter, the value and the range.
/// </remarks>
public sealed class StudentHyperParameters
{
    internal const string LearningRateName = "learning_rate";
    internal const string EpochsName = "epochs";
    internal const string BatchSizeName = "batch_size";
    internal const string HiddenWidthName = "hidden_width";
    internal const string DepthName = "depth";
    internal const string WeightDecayName = "weight_decay";
    internal const string OptimizerName = "optimizer";

    /// <summary>Creates the set, starting from <paramref name="initial"/> (or <see cref="StudentSettings.Default"/>).</summary>
    /// <param name="initial">The starting values; each must satisfy its constraint.</param>
    /// <param name="prefix">The start of every parameter's key, e.g. <c>student</c> gives <c>student.learning_rate</c>.</param>
    /// <exception cref="ArgumentException">A starting value breaks its constraint, or the prefix is not a valid key.</exception>
    public StudentHyperParameters(StudentSettings? initial = null, string prefix = "student")
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(prefix);
        initial ??= StudentSettings.Default;
        LearningRate = new(initial.LearningRate, $"{prefix}.{LearningRateName}",
            "Step size of the student's optimizer. Too high diverges (NaN loss), too low learns slowly; 1e-4 to 1e-2 suits Adam.",
            LearningRateConstraints);
        Epochs = new(initial.Epochs, $"{prefix}.{EpochsName}",
            "Passes over the training data. More fits better until validation loss starts rising (overfitting).", EpochsConstraints);
        BatchSize = new(initial.BatchSize, $"{prefix}.{BatchSizeName}",
            "Examples per optimizer step. Smaller batches take more, noisier steps per epoch.", BatchSizeConstraints);
        HiddenWidth = new(initial.HiddenWidth, $"{prefix}.{HiddenWidthName}",
            "Units in each hidden layer of the student MLP. Wider models fit more but overfit small data sooner.", HiddenWidthConstraints);
        Depth = new(initial.Depth, $"{prefix}.{DepthName}",
            "Number of hidden layers of the student MLP (0 gives a linear classifier).", DepthConstraints);
        WeightDecay = new(initial.WeightDecay, $"{prefix}.{WeightDecayName}",
            "L2 regularisation strength; raise it when the student overfits.", WeightDecayConstraints);
        Optimizer = new(initial.Optimizer, $"{prefix}.{OptimizerName}",
            "The training algorithm: adam, adamw (decoupled weight decay) or sgd (plain, no momentum).", OptimizerConstraints);
    }

    /// <summary>Allowed learning rates: 1e-6 to 10.</summary>
    public static ParameterConstraints LearningRateConstraints { get; } = ParameterConstraints.Range(1e-6, 10);

    /// <summary>Allowed epoch counts: 1 to 1000.</summary>
    public static ParameterConstraints EpochsConstraints { get; } = ParameterConstraints.Range(1, 1000);

    /// <summary>Allowed batch sizes: 1 to 65536.</summary>
    public static ParameterConstraints BatchSizeConstraints { get; } = ParameterConstraints.Range(1, 65536);

    /// <summary>Allowed hidden widths: 1 to 4096.</summary>
    public static ParameterConstraints HiddenWidthConstraints { get; } = ParameterConstraints.Range(1, 4096);

    /// <summary>Allowed depths: 0 to 8 hidden layers.</summary>
    public static ParameterConstraints DepthConstraints { get; } = ParameterConstraints.Range(0, 8);

    /// <summary>Allowed weight decays: 0 to 1.</summary>
    public static ParameterConstraints WeightDecayConstraints { get; } = ParameterConstraints.Range(0, 1);

    /// <summary>Allowed optimizers: <see cref="StudentOptimizers.All"/>.</summary>
    public static ParameterConstraints OptimizerConstraints { get; } = ParameterConstraints.OneOf([.. StudentOptimizers.All]);

    /// <summary>The optimizer's step size.</summary>
    public ParameterNode<double> LearningRate { get; }

    /// <summary>Passes over the training data.</summary>
    public ParameterNode<int> Epochs { get; }

    /// <summary>Examples per optimizer step.</summary>
    public ParameterNode<int> BatchSize { get; }

    /// <summary>Units in each hidden layer.</summary>
    public ParameterNode<int> HiddenWidth { get; }

    /// <summary>Hidden layers.</summary>
    public ParameterNode<int> Depth { get; }

    /// <summary>L2 penalty.</summary>
    public ParameterNode<double> WeightDecay { get; }

    /// <summary>One of <see cref="StudentOptimizers.All"/>.</summary>
    public ParameterNode<string> Optimizer { get; }

    /// <summary>Every node of the set, for an optimizer or a parameter file.</summary>
    public IReadOnlyList<IParameterNode> All => [LearningRate, Epochs, BatchSize, HiddenWidth, Depth, WeightDecay, Optimizer];

    /// <summary>The nodes in the order of the training operation's hyper-parameter inputs.</summary>
    internal IReadOnlyList<Node> Nodes => [LearningRate, Epochs, BatchSize, HiddenWidth, Depth, WeightDecay, Optimizer];

    /// <summary>The current values.</summary>
    /// <returns>The values as settings.</returns>
    public StudentSettings Snapshot() => new(LearningRate.Value, Epochs.Value, BatchSize.Value, HiddenWidth.Value, Depth.Value,
        WeightDecay.Value, Optimizer.Value);
}
