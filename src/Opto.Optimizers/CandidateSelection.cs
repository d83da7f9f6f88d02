namespace Opto.Optimizers;

/// <summary>How <see cref="OptoPrimeMulti"/> picks one of its candidate answers.</summary>
public enum CandidateSelection
{
    /// <summary>The first candidate whose values are all usable (candidates are ordered by rising temperature).</summary>
    FirstValid,

    /// <summary>
    /// The proposal most candidates agree on exactly (same values after conversion); "no change" counts as a
    /// proposal too. Ties go to the proposal that appeared first.
    /// </summary>
    MajorityVote,

    /// <summary>One more LLM call compares the usable candidates and picks one; its answer falls back to the first usable one when unusable.</summary>
    LlmJudge,
}
