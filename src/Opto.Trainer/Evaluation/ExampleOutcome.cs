using Opto.Trainer.Runs;

namespace Opto.Trainer;

/// <summary>What happened to one example: the output, the guide's score and feedback, or the error.</summary>
/// <typeparam name="TOutput">The type of the workflow's output.</typeparam>
/// <param name="ExampleId">The example's id.</param>
/// <param name="Output">The workflow's output; default when it threw.</param>
/// <param name="Score">The guide's score, or <see cref="TrainerOptions.ErrorScore"/> when the workflow or the guide threw.</param>
/// <param name="Feedback">The guide's feedback, or the error text.</param>
/// <param name="Error">The exception text when the workflow or the guide threw; <see langword="null"/> otherwise.</param>
public sealed record ExampleOutcome<TOutput>(string ExampleId, TOutput? Output, double Score, string Feedback, string? Error)
{
    /// <summary>The outcome as a run record.</summary>
    /// <returns>The record.</returns>
    public ExampleScore ToRecord() => new(ExampleId, Score, Feedback, Error);
}
