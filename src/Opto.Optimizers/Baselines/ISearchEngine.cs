namespace Opto.Optimizers.Baselines;

/// <summary>
/// The part of a search that decides: given the random numbers and the scores told so far, the next candidate.
/// An engine holds no parameter and sees no clock, so replaying the same seed and scores rebuilds it exactly.
/// </summary>
internal interface ISearchEngine
{
    /// <summary>Whether the engine has nothing more worth trying.</summary>
    bool Converged { get; }

    /// <summary>The values the engine currently trusts most (before any score: the initial values).</summary>
    IReadOnlyList<object?> Incumbent { get; }

    /// <summary>The next candidate: one valid value per parameter of the engine, and the rule that chose it.</summary>
    EngineProposal Propose(SearchRandom random);

    /// <summary>The score of the last proposal; failures arrive as negative infinity.</summary>
    void Tell(double score);
}

/// <summary>A candidate from an engine.</summary>
/// <param name="Values">One value per parameter, in the engine's order.</param>
/// <param name="Rule">Which rule proposed it, in words, for the step's notes.</param>
internal readonly record struct EngineProposal(IReadOnlyList<object?> Values, string Rule);
