namespace Opto.Optimizers.Baselines;

/// <summary>
/// Arms with their pull counts and score sums, and the rule that picks the next arm. Failed evaluations (negative
/// infinity) count as the lowest finite score seen so far, so that one failure makes an arm look bad without
/// making its mean infinitely bad for good.
/// </summary>
internal abstract class Bandit
{
    private readonly int[] _pulls;
    private readonly int[] _failures;
    private readonly double[] _sums;
    private readonly double[] _squares;
    private double _lowest = double.PositiveInfinity;
    private double _highest = double.NegativeInfinity;

    protected Bandit(int arms)
    {
        _pulls = new int[arms];
        _failures = new int[arms];
        _sums = new double[arms];
        _squares = new double[arms];
    }

    public int Arms => _pulls.Length;

    public int TotalPulls { get; private set; }

    public abstract bool Converged { get; }

    /// <summary>The arm with the highest mean among those pulled (the first arm before any pull).</summary>
    public int Leader
    {
        get
        {
            var best = -1;
            for (var arm = 0; arm < Arms; arm++)
            {
                if (_pulls[arm] > 0 && (best < 0 || Mean(arm) > Mean(best)))
                {
                    best = arm;
                }
            }

            return Math.Max(best, 0);
        }
    }

    /// <summary>The next arm and, in words, why.</summary>
    public abstract int Choose(SearchRandom random, Func<int, string> label, out string rule);

    public void Reward(int arm, double score)
    {
        _pulls[arm]++;
        TotalPulls++;
        if (double.IsFinite(score))
        {
            _sums[arm] += score;
            _squares[arm] += score * score;
            _lowest = Math.Min(_lowest, score);
            _highest = Math.Max(_highest, score);
        }
        else
        {
            _failures[arm]++;
        }

        OnRewarded(arm);
    }

    public int Pulls(int arm) => _pulls[arm];

    public double Mean(int arm)
    {
        if (_pulls[arm] == 0)
        {
            return double.NaN;
        }

        return (_sums[arm] + _failures[arm] * Worst) / _pulls[arm];
    }

    /// <summary>The sample variance of the arm's scores (0 with fewer than two pulls).</summary>
    public double Variance(int arm)
    {
        var n = _pulls[arm];
        if (n < 2)
        {
            return 0;
        }

        var mean = Mean(arm);
        var squares = _squares[arm] + _failures[arm] * Worst * Worst;
        return Math.Max(0, (squares - n * mean * mean) / (n - 1));
    }

    /// <summary>The spread between the highest and lowest finite scores seen (0 before two different scores).</summary>
    public double ScoreRange => double.IsFinite(_lowest) ? _highest - _lowest : 0;

    /// <summary>A mean scaled to [0, 1] by the lowest and highest scores seen, as UCB1's bonus assumes bounded scores.</summary>
    public double ScaledMean(int arm)
    {
        var range = _highest - _lowest;
        return range > 0 ? (Mean(arm) - Worst) / range : 0.5;
    }

    protected virtual void OnRewarded(int arm)
    {
    }

    private double Worst => double.IsFinite(_lowest) ? _lowest : 0;

    /// <summary>One of the arms with the highest value, chosen at random among ties.</summary>
    protected static int ArgMax(IReadOnlyList<int> arms, Func<int, double> value, SearchRandom random)
    {
        var best = new List<int>();
        var bestValue = double.NegativeInfinity;
        foreach (var arm in arms)
        {
            var v = value(arm);
            if (best.Count == 0 || v > bestValue)
            {
                best.Clear();
                best.Add(arm);
                bestValue = v;
            }
            else if (v == bestValue)
            {
                best.Add(arm);
            }
        }

        return best.Count == 1 ? best[0] : best[random.NextInt(best.Count)];
    }
}
