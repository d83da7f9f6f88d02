using Opto.Trace;

namespace Opto.Trainer;

/// <summary>
/// The one seam between the algorithms and the two kinds of optimizer. An LLM <see cref="Opto.Optimizers.Optimizer"/>
/// proposes from feedback: the algorithm evaluates a training batch with Backward first, then asks. A
/// <see cref="Opto.Optimizers.Baselines.SearchOptimizer"/> proposes from scores: the algorithm asks, evaluates the
/// candidate and reports its score. Every algorithm is written once against this class: it gathers feedback when
/// <see cref="UsesFeedback"/> says so, calls <see cref="ProposeAsync"/>, and calls <see cref="Report"/> with the
/// candidate's score (ignored by LLM optimizers).
/// </summary>
internal abstract class Proposer
{
    /// <summary>The parameters the optimizer may change (the ones the run records).</summary>
    public abstract IReadOnlyList<IParameterNode> Parameters { get; }

    /// <summary>The optimizer's name for the run record.</summary>
    public abstract string Name { get; }

    /// <summary>The model the optimizer calls, when known (for the LLM-call records).</summary>
    public virtual string? Model => null;

    /// <summary>Whether proposals are made from feedback (so a training batch must be evaluated with Backward first).</summary>
    public abstract bool UsesFeedback { get; }

    /// <summary>Whether the optimizer has said it has nothing more to propose (a converged search).</summary>
    public abstract bool Exhausted { get; }

    /// <summary>Forgets the feedback gathered so far; call before evaluating a batch with Backward.</summary>
    public abstract void ClearFeedback();

    /// <summary>Sets the parameters to a new candidate.</summary>
    public abstract Task<Proposal> ProposeAsync(CancellationToken cancellationToken);

    /// <summary>Gives the score of the candidate last proposed.</summary>
    public abstract void Report(double score);

    /// <summary>The optimizer's own state, when it has one to save.</summary>
    public abstract string? SaveState();

    /// <summary>Restores a state written by <see cref="SaveState"/>.</summary>
    public abstract void LoadState(string state);
}
