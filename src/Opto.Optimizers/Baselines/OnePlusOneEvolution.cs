using System.Globalization;

namespace Opto.Optimizers.Baselines;

/// <summary>
/// A (1+1) evolution strategy with the one-fifth success rule (Rechenberg 1973; the smooth form of Kern et al. 2004),
/// in the scaled coordinates of <see cref="NumericDimension"/>.
/// </summary>
/// <remarks>
/// Why this method: the ask/tell loop evaluates one candidate at a time, and the (1+1)-ES is the derivative-free
/// method built for exactly that. Its state is one point, one score and one step size, so it resumes trivially; it
/// converges linearly on smooth bowls (the step size follows the distance to the optimum); and, unlike Nelder–Mead,
/// it does not collapse when rounding makes integer parameters flat or noise reorders nearby points — it only
/// keeps a candidate that scores at least as well as the incumbent. Bounds are handled by reflecting the step,
/// so no proposal leaves the range and none piles up on a bound.
/// The step grows by e^(0.8/D) after an improvement and shrinks by e^(-0.2/D) otherwise (D = 1 + d/2): the size is
/// stable when one step in five improves, the rate that is near optimal on a sphere.
/// </remarks>
internal sealed class OnePlusOneEvolution : ISearchEngine
{
    private readonly NumericDimension[] _dimensions;
    private readonly double _minimumStep;
    private readonly double _damping;
    private readonly double _maximumStep;
    private readonly double[] _incumbent;
    private double[]? _candidate;
    private double _incumbentScore = double.NegativeInfinity;
    private bool _started;
    private double _step;
    private int _failuresInARow;

    public OnePlusOneEvolution(IReadOnlyList<NumericDimension> dimensions, IReadOnlyList<object?> origin, NumericSearchOptions options)
    {
        _dimensions = [.. dimensions];
        _minimumStep = options.MinimumStep;
        _step = options.InitialStep;
        _damping = 1 + _dimensions.Length / 2.0;
        // A step longer than a whole range only bounces between the bounds; an unbounded parameter may need to travel far.
        _maximumStep = _dimensions.All(d => d.IsBounded) ? 1.0 : 1e6;
        _incumbent = [.. _dimensions.Select(d => d.Origin)];
        Incumbent = [.. origin]; // the exact initial values, not their round trip through u
    }

    /// <summary>
    /// Settled when the step is below every coordinate's resolution and the last 10·(d+1) tries failed: the strategy
    /// would only test points indistinguishable from the incumbent.
    /// </summary>
    public bool Converged => _started
        && _failuresInARow >= 10 * (_dimensions.Length + 1)
        && _dimensions.All(d => _step <= d.Resolution(_minimumStep));

    public IReadOnlyList<object?> Incumbent { get; private set; }

    public EngineProposal Propose(SearchRandom random)
    {
        if (!_started)
        {
            _candidate = [.. _incumbent];
            return new EngineProposal(Incumbent, "starting point: the initial values");
        }

        // An integer coordinate always moves by at least about one unit; below that every child rounds back to the
        // incumbent and the evaluation is wasted. Draws that still round to the incumbent are redrawn a few times.
        var candidate = new double[_dimensions.Length];
        IReadOnlyList<object?> values = Incumbent;
        for (var attempt = 0; attempt < 8; attempt++)
        {
            for (var i = 0; i < _dimensions.Length; i++)
            {
                var d = _dimensions[i];
                var sigma = d.IsInteger ? Math.Max(_step, d.Resolution(_minimumStep)) : _step;
                candidate[i] = d.Reflect(_incumbent[i] + sigma * random.NextGaussian());
            }

            values = Decode(candidate);
            if (!values.SequenceEqual(Incumbent))
            {
                break;
            }
        }

        _candidate = candidate;
        return new EngineProposal(values, string.Create(CultureInfo.InvariantCulture,
            $"(1+1)-ES: Gaussian step of size {_step:G3} (of each parameter's scale) around the incumbent (score {_incumbentScore:G4})"));
    }

    public void Tell(double score)
    {
        var candidate = _candidate ?? throw new InvalidOperationException("Tell without Propose.");
        _candidate = null;
        if (!_started)
        {
            _started = true;
            _incumbentScore = score;
            return;
        }

        // Ties move the incumbent (so it can cross plateaus) but only a strict improvement counts as a success.
        var improved = score > _incumbentScore;
        if (score >= _incumbentScore)
        {
            Array.Copy(candidate, _incumbent, candidate.Length);
            Incumbent = Decode(_incumbent);
            _incumbentScore = score;
        }

        _step *= Math.Exp((improved ? 0.8 : -0.2) / _damping);
        _step = Math.Min(_step, _maximumStep);
        _failuresInARow = improved ? 0 : _failuresInARow + 1;
    }

    private object?[] Decode(double[] u)
    {
        var values = new object?[u.Length];
        for (var i = 0; i < u.Length; i++)
        {
            values[i] = _dimensions[i].Decode(u[i]);
        }

        return values;
    }
}
