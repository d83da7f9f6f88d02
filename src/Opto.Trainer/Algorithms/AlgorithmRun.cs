using System.Text.Json;

namespace Opto.Trainer;

/// <summary>One run of an algorithm: its steps and the state a resume needs.</summary>
internal abstract class AlgorithmRun
{
    /// <summary>Takes one step.</summary>
    public abstract Task<StepOutcome> StepAsync(IAlgorithmContext context, CancellationToken cancellationToken);

    /// <summary>The state after the last step, or <see langword="null"/> when the algorithm keeps none.</summary>
    public virtual JsonElement? SaveState() => null;

    /// <summary>Restores a state written by <see cref="SaveState"/>.</summary>
    public virtual void LoadState(JsonElement state)
    {
    }

    /// <summary>Gathers feedback on a training batch when the optimizer needs it; returns the batch's evaluation when it ran one.</summary>
    protected static async Task<ScoredSet?> GatherFeedbackAsync(IAlgorithmContext context, CancellationToken cancellationToken)
    {
        if (!context.Optimizer.UsesFeedback)
        {
            return null;
        }

        context.Optimizer.ClearFeedback();
        return await context.EvaluateTrainingBatchAsync(backward: true, cancellationToken).ConfigureAwait(false);
    }
}
