namespace Opto.Trainer;

/// <summary>Score comparisons where NaN counts as the worst score.</summary>
internal static class Scores
{
    public static double Rank(double score) => double.IsNaN(score) ? double.NegativeInfinity : score;

    /// <summary>Whether <paramref name="candidate"/> beats <paramref name="incumbent"/> (a tie keeps the incumbent).</summary>
    public static bool Beats(double candidate, double incumbent) => Rank(candidate) > Rank(incumbent);
}
