using Opto.Trace;

namespace Opto.Optimizers.Baselines;

/// <summary>
/// The base of the optimizers that need no LLM: they search numeric and categorical parameters by score alone
/// (higher is better). The loop is ask/tell: <see cref="Propose"/> sets the parameters to the next candidate,
/// the caller evaluates it, <see cref="Report"/> gives its score. Parameters a search cannot handle (text, code)
/// are listed in <see cref="Skipped"/> with the reason and left unchanged.
/// </summary>
/// <remarks>
/// Proposals depend only on the seed and the scores reported so far, and <see cref="SaveState"/> /
/// <see cref="LoadState"/> round-trip everything, so a resumed run proposes exactly what an uninterrupted one would.
/// </remarks>
public abstract partial class SearchOptimizer
{
    /// <summary>The parameters this search changes.</summary>
    public abstract IReadOnlyList<IParameterNode> Parameters { get; }

    /// <summary>The trainable parameters it leaves as they are, each with the reason.</summary>
    public abstract IReadOnlyList<SkippedParameter> Skipped { get; }

    /// <summary>The best candidate reported so far, or <see langword="null"/> before the first report.</summary>
    public abstract SearchCandidate? Best { get; }

    /// <summary>Whether the search has nothing more worth trying (e.g. the simplex collapsed, every arm was pulled enough).</summary>
    public abstract bool Converged { get; }

    /// <summary>Every proposal so far, as steps with their updates (no LLM exchanges), oldest first.</summary>
    public abstract IReadOnlyList<OptimizerStep> History { get; }

    /// <summary>Sets the parameters to the next candidate and returns the step that did it.</summary>
    /// <returns>The step (its updates are the values set).</returns>
    /// <exception cref="InvalidOperationException">The previous proposal has not been reported yet.</exception>
    public abstract OptimizerStep Propose();

    /// <summary>Gives the score of the candidate last proposed.</summary>
    /// <param name="score">Its score; higher is better. NaN or infinity counts as the worst score.</param>
    /// <exception cref="InvalidOperationException">Nothing was proposed since the last report.</exception>
    public abstract void Report(double score);

    /// <summary>Sets the parameters to the best candidate reported so far (nothing happens before the first report).</summary>
    public abstract void RestoreBest();

    /// <summary>The whole search state as JSON: seed, random-number state, candidates and their scores.</summary>
    /// <returns>The state.</returns>
    public abstract string SaveState();

    /// <summary>Restores a state written by <see cref="SaveState"/> of a search over the same parameters.</summary>
    /// <param name="stateJson">The state.</param>
    /// <exception cref="ArgumentException">The state is not this search's, or belongs to other parameters.</exception>
    public abstract void LoadState(string stateJson);
}

/// <summary>A trainable parameter a search leaves unchanged.</summary>
/// <param name="Parameter">The parameter.</param>
/// <param name="Reason">Why, e.g. "text: needs an LLM optimizer".</param>
public sealed record SkippedParameter(IParameterNode Parameter, string Reason);

/// <summary>A candidate the search evaluated.</summary>
/// <param name="Values">The parameter values by key.</param>
/// <param name="Score">Its score.</param>
public sealed record SearchCandidate(IReadOnlyDictionary<string, object?> Values, double Score);
