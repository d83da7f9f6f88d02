using Opto.Trainer.Runs;

namespace Opto.Trainer;

/// <summary>How a training run went: why it ended, the best score and values, and every step this call took.</summary>
public sealed class TrainingResult
{
    internal TrainingResult(RunEnd end, IReadOnlyDictionary<string, object?> bestValues, IReadOnlyList<StepRecord> steps, int lastStep, int firstStep)
    {
        End = end;
        BestValues = bestValues;
        Steps = steps;
        LastStep = lastStep;
        FirstStep = firstStep;
    }

    /// <summary>Why the run ended, as written to the journal.</summary>
    public RunEnd End { get; }

    /// <summary>How the run ended.</summary>
    public RunStatus Status => End.Status;

    /// <summary>The reason in words (the budget that ran out, the exception…).</summary>
    public string? Message => End.Message;

    /// <summary>The best tracked score (validation when there is a validation set), or <see langword="null"/> when no step completed.</summary>
    public double? BestScore => End.BestScore;

    /// <summary>The parameter values that scored <see cref="BestScore"/>, by key (empty when no step completed).</summary>
    public IReadOnlyDictionary<string, object?> BestValues { get; }

    /// <summary>The steps this call took, in order (a resumed run's earlier steps are in its journal).</summary>
    public IReadOnlyList<StepRecord> Steps { get; }

    /// <summary>The number of the last completed step of the run (0 when none).</summary>
    public int LastStep { get; }

    /// <summary>The number of the first step this call took: 1 for a fresh run, more for a resumed one.</summary>
    public int FirstStep { get; }

    /// <summary>Whether this call resumed a run found in the journal.</summary>
    public bool Resumed => FirstStep > 1;
}
