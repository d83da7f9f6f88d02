namespace Opto.Optimizers.Baselines;

/// <summary>
/// Bandits over categorical parameters: one bandit whose arms are all combinations of values, or one bandit per
/// parameter whose arms are its values, the parameters taking turns (see <see cref="CategoricalArms"/>).
/// </summary>
internal sealed class CategoricalEngine : ISearchEngine
{
    private readonly CategoricalChoices[] _choices;
    private readonly Bandit[] _bandits;
    private readonly bool _combinations;
    private readonly IReadOnlyList<object?> _origin;
    private (int Bandit, int Arm)? _pending;
    private int _turn;

    public CategoricalEngine(IReadOnlyList<CategoricalChoices> choices, IReadOnlyList<object?> origin, CategoricalSearchOptions options)
    {
        _choices = [.. choices];
        _origin = [.. origin];
        var combinations = _choices.Aggregate(1L, (product, c) => Math.Min(product * c.Values.Count, int.MaxValue));
        _combinations = _choices.Length == 1 || options.Arms switch
        {
            CategoricalArms.Combinations => true,
            CategoricalArms.PerParameter => false,
            _ => combinations <= options.MaxCombinations,
        };
        if (_combinations && combinations > 1_000_000)
        {
            throw new ArgumentException(
                $"The categorical parameters have {combinations} combinations, too many to search as arms of their own; use {nameof(CategoricalArms)}.{nameof(CategoricalArms.PerParameter)}.",
                nameof(options));
        }

        _bandits = _combinations
            ? [NewBandit((int)combinations, options)]
            : [.. _choices.Select(c => NewBandit(c.Values.Count, options))];
    }

    public bool Converged => _bandits.All(b => b.Converged);

    public IReadOnlyList<object?> Incumbent => _combinations
        ? (_bandits[0].TotalPulls == 0 ? _origin : ValuesOf(Digits(_bandits[0].Leader)))
        : [.. _bandits.Select((_, i) => Held(i))];

    public EngineProposal Propose(SearchRandom random)
    {
        if (_combinations)
        {
            var arm = _bandits[0].Choose(random, LabelOfCombination, out var rule);
            _pending = (0, arm);
            return new EngineProposal(ValuesOf(Digits(arm)), rule);
        }

        // One parameter's bandit chooses while the others hold their leading values. Letting every bandit choose at
        // once looks cheaper but fails: the bandits explore in lockstep, so a good value tried next to two bad ones
        // is blamed for them, and the first lucky combination locks in.
        var turn = Enumerable.Range(_turn, _bandits.Length).Select(t => t % _bandits.Length).FirstOrDefault(b => !_bandits[b].Converged, _turn % _bandits.Length);
        _turn = turn + 1;
        var chosen = _bandits[turn].Choose(random, a => _choices[turn].Label(a), out var why);
        _pending = (turn, chosen);
        var values = _bandits.Select((_, i) => i == turn ? _choices[i].Values[chosen] : Held(i)).ToArray();
        return new EngineProposal(values, $"{_choices[turn].Parameter.Name}: {why} (the other parameters held at their leading values)");
    }

    public void Tell(double score)
    {
        var (bandit, arm) = _pending ?? throw new InvalidOperationException("Tell without Propose.");
        _pending = null;
        _bandits[bandit].Reward(arm, score);
    }

    private static Bandit NewBandit(int arms, CategoricalSearchOptions options) => options.Strategy == CategoricalStrategy.SuccessiveHalving
        ? new SuccessiveHalvingBandit(arms, options)
        : new Ucb1Bandit(arms, options);

    /// <summary>In combination mode an arm is a mixed-radix number whose digits index each parameter's values.</summary>
    private int[] Digits(int combination)
    {
        var digits = new int[_choices.Length];
        for (var i = _choices.Length - 1; i >= 0; i--)
        {
            digits[i] = combination % _choices[i].Values.Count;
            combination /= _choices[i].Values.Count;
        }

        return digits;
    }

    private object?[] ValuesOf(int[] digits) => [.. digits.Select((index, i) => _choices[i].Values[index])];

    /// <summary>A parameter's leading value, or its initial value before its bandit has any pull.</summary>
    private object? Held(int parameter) => _bandits[parameter].TotalPulls == 0 ? _origin[parameter] : _choices[parameter].Values[_bandits[parameter].Leader];

    private string LabelOfCombination(int arm) =>
        string.Join(", ", Digits(arm).Select((index, i) => $"{_choices[i].Parameter.Name}={_choices[i].Label(index)}"));
}
