namespace Opto.Optimizers.Baselines;

/// <summary>
/// Bandits over categorical parameters: one bandit whose arms are all combinations of values, or one bandit per
/// parameter whose arms are its values (see <see cref="CategoricalArms"/>).
/// </summary>
internal sealed class CategoricalEngine : ISearchEngine
{
    private readonly CategoricalChoices[] _choices;
    private readonly Bandit[] _bandits;
    private readonly bool _combinations;
    private readonly IReadOnlyList<object?> _origin;
    private int[]? _pending;

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

    public IReadOnlyList<object?> Incumbent => _bandits.All(b => b.TotalPulls == 0) ? _origin : ValuesOf([.. _bandits.Select(b => b.Leader)]);

    public EngineProposal Propose(SearchRandom random)
    {
        var arms = new int[_bandits.Length];
        var rules = new string[_bandits.Length];
        for (var i = 0; i < _bandits.Length; i++)
        {
            arms[i] = _bandits[i].Choose(random, arm => LabelOf(i, arm), out rules[i]);
            if (!_combinations)
            {
                rules[i] = $"{_choices[i].Parameter.Name}: {rules[i]}";
            }
        }

        _pending = arms;
        return new EngineProposal(ValuesOf(arms), string.Join("; ", rules));
    }

    public void Tell(double score)
    {
        var arms = _pending ?? throw new InvalidOperationException("Tell without Propose.");
        _pending = null;
        for (var i = 0; i < _bandits.Length; i++)
        {
            _bandits[i].Reward(arms[i], score);
        }
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

    private object?[] ValuesOf(int[] arms)
    {
        var indices = _combinations ? Digits(arms[0]) : arms;
        return [.. indices.Select((index, i) => _choices[i].Values[index])];
    }

    private string LabelOf(int bandit, int arm) => _combinations
        ? string.Join(", ", Digits(arm).Select((index, i) => $"{_choices[i].Parameter.Name}={_choices[i].Label(index)}"))
        : _choices[bandit].Label(arm);
}
