using Opto.Trace;

namespace Opto.TorchSharp;

/// <summary>
/// Trains a student classifier (a small MLP, with TorchSharp) and reports how it did. The traced overload records
/// the run as one operation whose inputs are the datasets and the hyper-parameter nodes, so feedback on the report
/// reaches the hyper-parameters (and whatever produced the training data).
/// </summary>
/// <remarks>
/// Runs on CUDA when <c>torch.cuda.is_available()</c> and not <see cref="StudentTrainingOptions.ForceCpu"/>, otherwise on
/// the CPU. A run that diverges is a report with <see cref="TrainingReport.Diverged"/> set, not an exception.
/// Cancellation is checked before every batch and ends the run with <see cref="OperationCanceledException"/>, after
/// freeing the model and data.
/// </remarks>
public static class StudentTraining
{
    /// <summary>The traced operation; optimizers read its documentation.</summary>
    public static Operation Operation { get; } = new(
        "TrainStudent",
        "Trains a small MLP classifier (the student) on training_data with the given hyper-parameters and evaluates it on " +
        "validation_data. Returns a report: training loss per epoch, validation loss and accuracy overall, per class and per " +
        "skill, and whether training diverged or overfit.",
        ["training_data", "validation_data", StudentHyperParameters.LearningRateName, StudentHyperParameters.EpochsName,
            StudentHyperParameters.BatchSizeName, StudentHyperParameters.HiddenWidthName, StudentHyperParameters.DepthName,
            StudentHyperParameters.WeightDecayName, StudentHyperParameters.OptimizerName]);

    /// <summary>Trains a student on the calling thread.</summary>
    /// <param name="training">The examples to learn from.</param>
    /// <param name="validation">Held-out examples to evaluate on (same features; class names agreeing).</param>
    /// <param name="settings">The hyper-parameters; each must be within its range.</param>
    /// <param name="options">Seed, device and threads; <see cref="StudentTrainingOptions.Default"/> when omitted.</param>
    /// <param name="progress">Told after every epoch.</param>
    /// <param name="cancellationToken">Checked before every batch.</param>
    /// <returns>The report.</returns>
    /// <exception cref="ArgumentException">A hyper-parameter is out of range, or the datasets do not fit together.</exception>
    /// <exception cref="OperationCanceledException">The run was cancelled.</exception>
    public static TrainingReport Train(StudentDataset training, StudentDataset validation, StudentSettings settings,
        StudentTrainingOptions? options = null, IProgress<TrainingProgress>? progress = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(training);
        ArgumentNullException.ThrowIfNull(validation);
        ArgumentNullException.ThrowIfNull(settings);
        return TrainingLoop.Run(training, validation, settings, options ?? StudentTrainingOptions.Default, progress, cancellationToken);
    }

    /// <summary>Trains a student on a dedicated thread (training is long and CPU-bound).</summary>
    /// <param name="training">The examples to learn from.</param>
    /// <param name="validation">Held-out examples to evaluate on.</param>
    /// <param name="settings">The hyper-parameters; each must be within its range.</param>
    /// <param name="options">Seed, device and threads.</param>
    /// <param name="progress">Told after every epoch (from the training thread).</param>
    /// <param name="cancellationToken">Checked before every batch.</param>
    /// <returns>The report.</returns>
    /// <exception cref="ArgumentException">A hyper-parameter is out of range, or the datasets do not fit together.</exception>
    /// <exception cref="OperationCanceledException">The run was cancelled.</exception>
    public static Task<TrainingReport> TrainAsync(StudentDataset training, StudentDataset validation, StudentSettings settings,
        StudentTrainingOptions? options = null, IProgress<TrainingProgress>? progress = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(training);
        ArgumentNullException.ThrowIfNull(validation);
        ArgumentNullException.ThrowIfNull(settings);
        return Task.Factory.StartNew(
            () => TrainingLoop.Run(training, validation, settings, options ?? StudentTrainingOptions.Default, progress, cancellationToken),
            cancellationToken, TaskCreationOptions.LongRunning, TaskScheduler.Default);
    }

    /// <summary>
    /// Trains a student as a traced operation: the result is a node whose inputs are the two dataset nodes and the
    /// seven hyper-parameter nodes, so <c>report.Backward(feedback)</c> reaches all of them. A failure (e.g. datasets that
    /// do not fit together) becomes an <see cref="ExceptionNode"/> and is thrown as <see cref="TraceExecutionException"/>.
    /// </summary>
    /// <param name="training">The node of the examples to learn from.</param>
    /// <param name="validation">The node of the held-out examples.</param>
    /// <param name="hyperParameters">The trainable hyper-parameters; their current values are used.</param>
    /// <param name="options">Seed, device and threads.</param>
    /// <param name="progress">Told after every epoch (from the training thread).</param>
    /// <param name="cancellationToken">Checked before every batch; cancellation is not recorded as feedback.</param>
    /// <returns>The node of the report.</returns>
    /// <exception cref="InvalidOperationException">No trace scope is open.</exception>
    /// <exception cref="TraceExecutionException">Training failed.</exception>
    /// <exception cref="OperationCanceledException">The run was cancelled.</exception>
    public static Task<Node<TrainingReport>> TrainAsync(Node<StudentDataset> training, Node<StudentDataset> validation,
        StudentHyperParameters hyperParameters, StudentTrainingOptions? options = null, IProgress<TrainingProgress>? progress = null,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(training);
        ArgumentNullException.ThrowIfNull(validation);
        ArgumentNullException.ThrowIfNull(hyperParameters);
        Node[] inputs = [training, validation, .. hyperParameters.Nodes];
        return Bundle.InvokeAsync(Operation, inputs,
            ct => TrainAsync(training.Value, validation.Value, hyperParameters.Snapshot(), options, progress, ct),
            cancellationToken);
    }
}
