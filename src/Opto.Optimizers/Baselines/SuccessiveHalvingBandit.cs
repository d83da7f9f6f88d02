using System.Globalization;

namespace Opto.Optimizers.Baselines;

/// <summary>
/// Successive halving: each round pulls every survivor the same number of times (round-robin), then keeps the better
/// half by mean over all their pulls; the pulls per arm double each round, so each round costs about the same.
/// </summary>
internal sealed class SuccessiveHalvingBandit : Bandit
{
    private readonly int _firstRoundPulls;
    private readonly int[] _pulledThisRound;
    private List<int> _survivors;
    private int _round;

    public SuccessiveHalvingBandit(int arms, CategoricalSearchOptions options)
        : base(arms)
    {
        _firstRoundPulls = options.PullsPerRound;
        _pulledThisRound = new int[arms];
        _survivors = [.. Enumerable.Range(0, arms)];
    }

    public override bool Converged => _survivors.Count == 1;

    private int PullsThisRound => _firstRoundPulls << Math.Min(_round, 20);

    public override int Choose(SearchRandom random, Func<int, string> label, out string rule)
    {
        if (Converged)
        {
            var winner = _survivors[0];
            rule = string.Create(CultureInfo.InvariantCulture,
                $"successive halving finished: the winner, arm {winner} ({label(winner)}), mean {Mean(winner):G4} over n={Pulls(winner)}");
            return winner;
        }

        // Round-robin: the survivor with the fewest pulls this round, the lowest index first; no randomness needed.
        var arm = _survivors.MinBy(a => _pulledThisRound[a]);
        rule = $"successive halving round {_round + 1}: {_survivors.Count} arms left, {PullsThisRound} pull(s) each; arm {arm} ({label(arm)})";
        return arm;
    }

    protected override void OnRewarded(int arm)
    {
        _pulledThisRound[arm]++;
        if (Converged || _survivors.Any(a => _pulledThisRound[a] < PullsThisRound))
        {
            return;
        }

        // Keep the better half, ties to the lower index so the outcome is fixed by the scores alone.
        var keep = (_survivors.Count + 1) / 2;
        _survivors = [.. _survivors.OrderByDescending(Mean).ThenBy(a => a).Take(keep).Order()];
        Array.Clear(_pulledThisRound);
        _round++;
    }
}
