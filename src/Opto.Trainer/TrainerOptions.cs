using System.Text.Json;
using Opto.Optimizers;
using Opto.Trainer.Runs;

namespace Opto.Trainer;

/// <summary>How a <see cref="Trainer{TInput, TOutput, TExpected}"/> runs.</summary>
public sealed class TrainerOptions
{
    /// <summary>Gets or sets the search algorithm.</summary>
    /// <value>The default value is <see cref="TrainingAlgorithm.Minibatch"/>.</value>
    public TrainingAlgorithm Algorithm { get; init; } = TrainingAlgorithm.Minibatch();

    /// <summary>Gets or sets how many steps the run takes at most (a resumed run counts the steps already recorded).</summary>
    /// <value>The default value is 10.</value>
    public int MaxSteps { get; init; } = 10;

    /// <summary>Gets or sets how many training examples each minibatch holds.</summary>
    /// <value>The default value is 4.</value>
    public int BatchSize { get; init; } = 4;

    /// <summary>Gets or sets whether each epoch visits the training set in a fresh seeded order (else in dataset order).</summary>
    /// <value>The default value is <see langword="true"/>.</value>
    public bool Shuffle { get; init; } = true;

    /// <summary>Gets or sets the seed of every random choice the trainer makes; the same seed draws the same batches.</summary>
    /// <value>The default value is 0.</value>
    public ulong Seed { get; init; }

    /// <summary>Gets or sets how many examples may be evaluated at once, each in its own trace scope.</summary>
    /// <value>The default value is 4. Use 1 for a strictly sequential run, e.g. when an LLM optimizer's prompt must not depend on timing.</value>
    public int MaxDegreeOfParallelism { get; init; } = 4;

    /// <summary>Gets or sets the score of an example whose workflow or guide threw (the run goes on).</summary>
    /// <value>The default value is 0.</value>
    public double ErrorScore { get; init; }

    /// <summary>Gets or sets after how many steps without improvement of the tracked score the run stops; null never stops early.</summary>
    /// <remarks>The tracked score is the validation score when there is a validation set, else the training score.</remarks>
    public int? Patience { get; init; }

    /// <summary>Gets or sets by how much the tracked score must rise to count as an improvement for <see cref="Patience"/>.</summary>
    /// <value>The default value is 0 (any rise counts).</value>
    public double MinImprovement { get; init; }

    /// <summary>
    /// Gets or sets whether the run stops when the optimizer says it is done: an LLM optimizer answering that nothing
    /// should change, or a search optimizer that converged.
    /// </summary>
    /// <value>The default value is <see langword="true"/>.</value>
    public bool StopWhenOptimizerDone { get; init; } = true;

    /// <summary>Gets or sets limits on tokens, money and time; none when null.</summary>
    public TrainingBudget? Budget { get; init; }

    /// <summary>Gets or sets where every completed step is written, and where an unfinished run is resumed from; nothing is written when null.</summary>
    public IRunJournal? Journal { get; init; }

    /// <summary>Gets or sets the key of the run in the journal; opening an unfinished run with the same key resumes it.</summary>
    /// <value>The default value is <c>run</c>.</value>
    public string RunKey { get; init; } = "run";

    /// <summary>Gets or sets where progress is reported (steps started and finished, examples evaluated).</summary>
    public IProgress<TrainingProgress>? Progress { get; init; }

    /// <summary>Gets or sets the clock for durations, timestamps and the time budget.</summary>
    /// <value>The default value is <see cref="TimeProvider.System"/>.</value>
    public TimeProvider TimeProvider { get; init; } = TimeProvider.System;

    /// <summary>
    /// Gets or sets whether the parameters are set to the best values seen when the run ends. Without a validation
    /// set, an LLM optimizer's last proposal has not been scored yet; it is kept rather than undone.
    /// </summary>
    /// <value>The default value is <see langword="true"/>.</value>
    public bool RestoreBestAtEnd { get; init; } = true;

    /// <summary>Gets or sets the serializer options for parameter values in records and state.</summary>
    /// <value>The default value is <see langword="null"/>: <see cref="OptimizerOptions.DefaultSerializerOptions"/>.</value>
    public JsonSerializerOptions? SerializerOptions { get; init; }

    /// <summary>Checks the settings.</summary>
    /// <exception cref="ArgumentException">A setting is out of range or missing.</exception>
    public void Validate()
    {
        ArgumentNullException.ThrowIfNull(Algorithm, nameof(Algorithm));
        Algorithm.Validate();
        RequireAtLeast(MaxSteps, 1, nameof(MaxSteps));
        RequireAtLeast(BatchSize, 1, nameof(BatchSize));
        RequireAtLeast(MaxDegreeOfParallelism, 1, nameof(MaxDegreeOfParallelism));
        if (Patience is { } patience)
        {
            RequireAtLeast(patience, 1, nameof(Patience));
        }

        if (double.IsNaN(ErrorScore))
        {
            throw new ArgumentOutOfRangeException(nameof(ErrorScore), ErrorScore, $"{nameof(ErrorScore)} must be a number.");
        }

        if (!(MinImprovement >= 0))
        {
            throw new ArgumentOutOfRangeException(nameof(MinImprovement), MinImprovement, $"{nameof(MinImprovement)} must be at least 0 (got {MinImprovement}).");
        }

        ArgumentException.ThrowIfNullOrWhiteSpace(RunKey, nameof(RunKey));
        ArgumentNullException.ThrowIfNull(TimeProvider, nameof(TimeProvider));
        Budget?.Validate();
    }

    private static void RequireAtLeast(int value, int minimum, string name)
    {
        if (value < minimum)
        {
            throw new ArgumentOutOfRangeException(name, value, $"{name} must be at least {minimum} (got {value}).");
        }
    }
}
