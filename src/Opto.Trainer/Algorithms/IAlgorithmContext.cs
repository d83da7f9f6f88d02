using Opto.Trainer.Runs;

namespace Opto.Trainer;

/// <summary>What an algorithm may do in a step: evaluate, propose, and move the parameters between candidates.</summary>
internal interface IAlgorithmContext
{
    /// <summary>The optimizer, behind the seam that hides whether it is feedback- or score-driven.</summary>
    Proposer Optimizer { get; }

    /// <summary>Whether a validation set was given.</summary>
    bool HasValidation { get; }

    /// <summary>The current values of the optimizer's parameters.</summary>
    ParameterValues Capture();

    /// <summary>Sets the optimizer's parameters to saved values.</summary>
    void Apply(ParameterValues values);

    /// <summary>Evaluates the next training minibatch, with Backward of each example's feedback when asked.</summary>
    Task<ScoredSet> EvaluateTrainingBatchAsync(bool backward, CancellationToken cancellationToken);

    /// <summary>Evaluates the whole validation set (scores only).</summary>
    Task<ScoredSet> EvaluateValidationAsync(CancellationToken cancellationToken);
}

/// <summary>The mean score of an evaluation and each example's record.</summary>
/// <param name="Mean">The mean score.</param>
/// <param name="Examples">Each example's score, feedback and error.</param>
internal sealed record ScoredSet(double Mean, IReadOnlyList<ExampleScore> Examples);
