namespace Opto.Optimizers.Baselines;

/// <summary>
/// Numeric and categorical parameters together, by block-coordinate alternation: one proposal moves the numeric
/// parameters (the categorical ones held at their leading values), the next pulls a categorical arm (the numeric
/// ones held at the incumbent), and so on; once one part has converged the other gets every turn.
/// </summary>
/// <remarks>
/// Varying both at once would make each part see the other's exploration as noise: the evolution strategy would
/// reject a good numeric step because a bad arm was pulled with it, and shrink its step for the wrong reason.
/// Alternating keeps each part's comparisons fair at the cost of half the proposals each.
/// </remarks>
internal sealed class AlternatingEngine(ISearchEngine numeric, int[] numericSlots, ISearchEngine categorical, int[] categoricalSlots) : ISearchEngine
{
    private readonly int _count = numericSlots.Length + categoricalSlots.Length;
    private int _turn;
    private ISearchEngine? _pending;

    public bool Converged => numeric.Converged && categorical.Converged;

    public IReadOnlyList<object?> Incumbent => Merge(numeric.Incumbent, categorical.Incumbent);

    public EngineProposal Propose(SearchRandom random)
    {
        var numericTurn = numeric.Converged == categorical.Converged ? _turn % 2 == 0 : categorical.Converged;
        _turn++;
        if (numericTurn)
        {
            var proposal = numeric.Propose(random);
            _pending = numeric;
            return new EngineProposal(Merge(proposal.Values, categorical.Incumbent), proposal.Rule + " (categorical parameters held at their leading values)");
        }

        var pull = categorical.Propose(random);
        _pending = categorical;
        return new EngineProposal(Merge(numeric.Incumbent, pull.Values), pull.Rule + " (numeric parameters held at the incumbent)");
    }

    public void Tell(double score)
    {
        var engine = _pending ?? throw new InvalidOperationException("Tell without Propose.");
        _pending = null;
        engine.Tell(score);
    }

    private object?[] Merge(IReadOnlyList<object?> numericValues, IReadOnlyList<object?> categoricalValues)
    {
        var values = new object?[_count];
        for (var i = 0; i < numericSlots.Length; i++)
        {
            values[numericSlots[i]] = numericValues[i];
        }

        for (var i = 0; i < categoricalSlots.Length; i++)
        {
            values[categoricalSlots[i]] = categoricalValues[i];
        }

        return values;
    }
}
