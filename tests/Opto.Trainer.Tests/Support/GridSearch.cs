using System.Text.Json;
using Opto.Optimizers;
using Opto.Optimizers.Baselines;
using Opto.Trace;

namespace Opto.Trainer.Tests;

/// <summary>
/// A test double for the score-driven optimizers: proposes the values of a fixed grid in order, remembers every
/// score and converges when the grid is used up. Its state round-trips through JSON, as a real search's must.
/// </summary>
internal sealed class GridSearch(ParameterNode<double> parameter, params double[] grid) : SearchOptimizer
{
    private readonly List<OptimizerStep> _history = [];
    private readonly List<double> _scores = [];
    private int _next;
    private bool _pending;
    private SearchCandidate? _best;

    public List<double> Reported => _scores;

    public override IReadOnlyList<IParameterNode> Parameters => [parameter];

    public override IReadOnlyList<SkippedParameter> Skipped => [];

    public override SearchCandidate? Best => _best;

    public override bool Converged => _next >= grid.Length && !_pending;

    public override IReadOnlyList<OptimizerStep> History => _history;

    public override OptimizerStep Propose()
    {
        if (_pending)
        {
            throw new InvalidOperationException("The previous proposal has not been reported.");
        }

        var value = grid[_next % grid.Length];
        _next++;
        var old = parameter.Value;
        parameter.Value = value;
        _pending = true;
        var step = new OptimizerStep
        {
            Number = _next,
            Exchanges = [],
            Updates = old == value ? [] : [new ParameterUpdate(parameter.Name, old, value)],
            Rejections = [],
            Notes = [$"grid point {_next}"],
        };
        _history.Add(step);
        return step;
    }

    public override void Report(double score)
    {
        if (!_pending)
        {
            throw new InvalidOperationException("Nothing was proposed.");
        }

        _pending = false;
        _scores.Add(score);
        if (_best is null || score > _best.Score)
        {
            _best = new SearchCandidate(new Dictionary<string, object?> { [parameter.Name] = parameter.Value }, score);
        }
    }

    public override void RestoreBest()
    {
        if (_best is not null)
        {
            parameter.Value = (double)_best.Values[parameter.Name]!;
        }
    }

    public override string SaveState() => JsonSerializer.Serialize(new State(_next, _scores, _best?.Score, _best is null ? null : (double)_best.Values[parameter.Name]!));

    public override void LoadState(string stateJson)
    {
        var state = JsonSerializer.Deserialize<State>(stateJson) ?? throw new ArgumentException("empty state", nameof(stateJson));
        _next = state.Next;
        _scores.Clear();
        _scores.AddRange(state.Scores);
        _best = state.BestScore is { } score ? new SearchCandidate(new Dictionary<string, object?> { [parameter.Name] = state.BestValue }, score) : null;
        _pending = false;
    }

    private sealed record State(int Next, List<double> Scores, double? BestScore, double? BestValue);
}
