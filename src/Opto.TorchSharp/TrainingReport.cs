namespace Opto.TorchSharp;

/// <summary>
/// What a student training run produced: loss curves, validation metrics overall, per class and per skill, and what
/// went wrong (divergence, overfitting). <see cref="ToString"/> renders it compactly for a language model, e.g.
/// <c>loss 2.3→0.41 in 20 epochs; validation accuracy 0.83 (majority class 0.34); weakest skills 'mul' 0.41 (n=50),
/// 'add' 0.95 (n=50); overfits after epoch 12 …</c>; that text is the feedback an optimizer reads.
/// </summary>
/// <remarks>
/// The rendering leaves out wall time and device, which vary between runs of the same settings, so that the same
/// run gives the same feedback text. Reports can also be built directly, e.g. by a stub student in tests.
/// </remarks>
public sealed class TrainingReport
{
    /// <summary>The hyper-parameters the run used.</summary>
    public required StudentSettings Settings { get; init; }

    /// <summary>The mean training loss of each epoch run (NaN or infinity from the epoch where training diverged).</summary>
    public required IReadOnlyList<double> TrainLosses { get; init; }

    /// <summary>The validation loss after each epoch run.</summary>
    public required IReadOnlyList<double> ValidationLosses { get; init; }

    /// <summary>The validation accuracy after each epoch run.</summary>
    public required IReadOnlyList<double> ValidationAccuracies { get; init; }

    /// <summary>Validation accuracy per class, in class order.</summary>
    public required IReadOnlyList<SliceMetrics> PerClass { get; init; }

    /// <summary>Validation accuracy per skill tag, by name; empty when the validation examples carry no tags.</summary>
    public IReadOnlyList<SliceMetrics> PerSkill { get; init; } = [];

    /// <summary>The number of training examples.</summary>
    public required int TrainingExamples { get; init; }

    /// <summary>The number of validation examples.</summary>
    public required int ValidationExamples { get; init; }

    /// <summary>The accuracy of always answering the most common validation class: the bar to beat.</summary>
    public required double MajorityClassAccuracy { get; init; }

    /// <summary>How long the run took, from start to the final evaluation.</summary>
    public TimeSpan WallTime { get; init; }

    /// <summary>Where the run executed: <c>cpu</c> or <c>cuda</c>.</summary>
    public string Device { get; init; } = "cpu";

    /// <summary>The seed of the run.</summary>
    public long Seed { get; init; }

    /// <summary>The epochs actually run (fewer than planned when training diverged).</summary>
    public int EpochsRun => TrainLosses.Count;

    /// <summary>The final validation loss.</summary>
    public double ValidationLoss => ValidationLosses.Count == 0 ? double.NaN : ValidationLosses[^1];

    /// <summary>The final validation accuracy.</summary>
    public double ValidationAccuracy => ValidationAccuracies.Count == 0 ? double.NaN : ValidationAccuracies[^1];

    /// <summary>Whether a training loss became NaN or infinite (training then stops).</summary>
    public bool Diverged => DivergedAtEpoch is not null;

    /// <summary>The first epoch (from 1) whose training loss was not finite, if any.</summary>
    public int? DivergedAtEpoch => LossCurves.FirstNonFinite(TrainLosses);

    /// <summary>
    /// The epoch (from 1) with the lowest validation loss when the loss rose clearly (by more than 2 %) over the
    /// two or more epochs after it: the student overfits after that epoch. <see langword="null"/> otherwise.
    /// </summary>
    public int? OverfitAfterEpoch => Diverged ? null : LossCurves.OverfitAfter(ValidationLosses);

    /// <summary>Whether the validation loss was still at its lowest in the last epoch, so more epochs may help.</summary>
    public bool StillImproving => !Diverged && LossCurves.StillImproving(ValidationLosses);

    /// <summary>The compact rendering for a language model (see <see cref="ToString"/>).</summary>
    public string Summary => TrainingReportText.Render(this);

    /// <summary>Renders the report compactly: loss curve, validation metrics, weakest slices, and any problem.</summary>
    /// <returns>The rendering.</returns>
    public override string ToString() => Summary;
}
