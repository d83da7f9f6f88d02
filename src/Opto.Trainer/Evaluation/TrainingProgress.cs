using Opto.Trainer.Runs;

namespace Opto.Trainer;

/// <summary>
/// Something that happened during training, reported through <see cref="TrainerOptions.Progress"/> so that a CLI
/// can draw progress bars. <see cref="ExampleEvaluated"/> may be reported from several threads at once.
/// </summary>
public abstract record TrainingProgress
{
    /// <summary>
    /// A progress sink that calls <paramref name="onStep"/> with each finished step's record, on the trainer's own
    /// flow and in order (unlike <see cref="Progress{T}"/>, which posts to a synchronization context or the pool).
    /// </summary>
    /// <param name="onStep">What to do with each step, e.g. print a line.</param>
    /// <returns>The sink, for <see cref="TrainerOptions.Progress"/>.</returns>
    public static IProgress<TrainingProgress> OnStepFinished(Action<StepRecord> onStep)
    {
        ArgumentNullException.ThrowIfNull(onStep);
        return new StepSink(onStep);
    }

    private sealed class StepSink(Action<StepRecord> onStep) : IProgress<TrainingProgress>
    {
        public void Report(TrainingProgress value)
        {
            if (value is StepFinished finished)
            {
                onStep(finished.Record);
            }
        }
    }
}

/// <summary>A step began.</summary>
/// <param name="Step">The step's number, from 1.</param>
/// <param name="MaxSteps">The most steps the run will take.</param>
public sealed record StepStarted(int Step, int MaxSteps) : TrainingProgress;

/// <summary>A step completed and was recorded.</summary>
/// <param name="Record">The step's record, as written to the journal.</param>
public sealed record StepFinished(StepRecord Record) : TrainingProgress;

/// <summary>An example was evaluated.</summary>
/// <param name="Step">The step, or 0 outside training (see <see cref="Trainer{TInput, TOutput, TExpected}.EvaluateAsync"/>).</param>
/// <param name="Phase">Which set the example belongs to.</param>
/// <param name="Completed">How many examples of this evaluation are done, this one included.</param>
/// <param name="Total">How many examples this evaluation has.</param>
/// <param name="Example">The example's score, feedback and error.</param>
public sealed record ExampleEvaluated(int Step, EvaluationPhase Phase, int Completed, int Total, ExampleScore Example) : TrainingProgress;

/// <summary>Which set an evaluation runs on.</summary>
public enum EvaluationPhase
{
    /// <summary>A training minibatch (its feedback reaches the optimizer).</summary>
    Training,

    /// <summary>The validation set (scores only; used to choose between candidates).</summary>
    Validation,

    /// <summary>A set evaluated outside training.</summary>
    Test,
}
