using System.Globalization;

namespace Opto.Optimizers.Baselines;

/// <summary>UCB1: every arm once (in random order), then the arm with the highest scaled mean + c·√(ln N / n).</summary>
internal sealed class Ucb1Bandit(int arms, CategoricalSearchOptions options) : Bandit(arms)
{
    /// <summary>
    /// Converged when every arm has its minimum pulls and the leader's mean beats each other arm's by
    /// <see cref="CategoricalSearchOptions.Confidence"/> standard errors of the difference, or that many standard
    /// errors are below 1% of the score range (the arms are then equal for practical purposes). Arms whose scores
    /// never varied have no error: their order is known.
    /// </summary>
    public override bool Converged
    {
        get
        {
            if (Enumerable.Range(0, Arms).Any(a => Pulls(a) < options.MinimumPulls))
            {
                return false;
            }

            var leader = Leader;
            for (var arm = 0; arm < Arms; arm++)
            {
                if (arm == leader)
                {
                    continue;
                }

                // Two arms whose difference is known to within 1% of the score range are as good as equal: without
                // this, two equally good arms would keep the search from ever converging.
                var error = Math.Sqrt(Variance(leader) / Pulls(leader) + Variance(arm) / Pulls(arm));
                var margin = options.Confidence * error;
                if (margin > 0.01 * ScoreRange && Mean(leader) - Mean(arm) <= margin)
                {
                    return false;
                }
            }

            return true;
        }
    }

    public override int Choose(SearchRandom random, Func<int, string> label, out string rule)
    {
        var all = Enumerable.Range(0, Arms).ToArray();
        var unpulled = all.Where(a => Pulls(a) == 0).ToArray();
        if (unpulled.Length > 0)
        {
            var first = unpulled[random.NextInt(unpulled.Length)];
            rule = $"UCB1: first pull of arm {first} ({label(first)}), {unpulled.Length - 1} arm(s) still unpulled";
            return first;
        }

        var logTotal = Math.Log(TotalPulls);
        double Bound(int arm) => ScaledMean(arm) + options.Exploration * Math.Sqrt(logTotal / Pulls(arm));
        var chosen = ArgMax(all, Bound, random);
        rule = string.Create(CultureInfo.InvariantCulture,
            $"UCB1: arm {chosen} ({label(chosen)}), mean {Mean(chosen):G4} over n={Pulls(chosen)}, upper bound {Bound(chosen):G3} on the [0, 1] scale");
        return chosen;
    }
}
