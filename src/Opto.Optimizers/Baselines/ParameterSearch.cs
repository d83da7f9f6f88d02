using System.Text.Json;
using Opto.Trace;

namespace Opto.Optimizers.Baselines;

/// <summary>
/// What the searches without an LLM share: sorting the parameters into searched and skipped ones, the ask/tell
/// protocol, the history, the best candidate, and saving and resuming. The deciding is done by an engine that sees
/// only the seed, the initial values and the scores, so a saved state is resumed by replaying its scores.
/// </summary>
/// <remarks>
/// Not thread-safe: one caller drives the loop (evaluations of a candidate may run in parallel, but Propose and
/// Report come from one place). The search has no budget of its own; the caller stops when it has spent enough or
/// when <see cref="SearchOptimizer.Converged"/> turns true.
/// </remarks>
public abstract class ParameterSearch : SearchOptimizer
{
    private readonly IParameterNode[] _parameters;
    private readonly SkippedParameter[] _skipped;
    private readonly CategoricalChoices?[] _choices;
    private readonly SearchOptions _options;
    private readonly string _settings;
    private Run _run;

    private protected ParameterSearch(IEnumerable<IParameterNode> parameters, SearchOptions? options, bool numeric, bool categorical)
    {
        ArgumentNullException.ThrowIfNull(parameters);
        _options = options ?? new SearchOptions();
        _options.Validate();
        var collection = parameters as ParameterCollection ?? new ParameterCollection(parameters);
        var searched = new List<IParameterNode>();
        var choices = new List<CategoricalChoices?>();
        var skipped = new List<SkippedParameter>();
        foreach (var parameter in collection.Trainable)
        {
            var reason = Classify(parameter, numeric, categorical, out var parameterChoices);
            if (reason is null)
            {
                searched.Add(parameter);
                choices.Add(parameterChoices);
            }
            else
            {
                skipped.Add(new SkippedParameter(parameter, reason));
            }
        }

        if (searched.Count == 0)
        {
            var why = skipped.Count == 0
                ? "none of the parameters is trainable"
                : string.Join("; ", skipped.Select(s => $"'{s.Parameter.Name}': {s.Reason}"));
            throw new ArgumentException($"{GetType().Name} has nothing to search: {why}.", nameof(parameters));
        }

        _parameters = [.. searched];
        _choices = [.. choices];
        _skipped = [.. skipped];
        _settings = _options.Fingerprint(numeric: _choices.Any(c => c is null), categorical: _choices.Any(c => c is not null));
        _run = new Run(CreateEngine([.. _parameters.Select(p => p.BoxedValue)]), _options.Seed, [.. _parameters.Select(p => p.BoxedValue)]);
    }

    /// <inheritdoc />
    public override IReadOnlyList<IParameterNode> Parameters => _parameters;

    /// <inheritdoc />
    public override IReadOnlyList<SkippedParameter> Skipped => _skipped;

    /// <inheritdoc />
    public override SearchCandidate? Best => _run.Best;

    /// <inheritdoc />
    public override bool Converged => _run.Engine.Converged;

    /// <inheritdoc />
    public override IReadOnlyList<OptimizerStep> History => [.. _run.History];

    /// <summary>The settings in use.</summary>
    public SearchOptions Options => _options;

    /// <summary>
    /// The values the search trusts most now, by key: the evolution strategy's incumbent and each bandit's arm with
    /// the highest mean (the initial values before any score). With noisy scores this is the better pick:
    /// <see cref="SearchOptimizer.Best"/> is the single highest score, which may have been luck.
    /// </summary>
    public IReadOnlyDictionary<string, object?> Incumbent
    {
        get
        {
            var values = _run.Engine.Incumbent;
            return _parameters.Select((p, i) => (p.Name, Value: values[i])).ToDictionary(e => e.Name, e => e.Value, StringComparer.Ordinal);
        }
    }

    /// <summary>How many candidates have been reported so far.</summary>
    public int Reported => _run.Trials.Count;

    /// <inheritdoc />
    public override OptimizerStep Propose()
    {
        if (_run.Pending is not null)
        {
            throw new InvalidOperationException(
                $"Propose was called twice without Report: report the score of the candidate from step {_run.History.Count} before asking for the next one.");
        }

        var proposal = _run.Engine.Propose(_run.Random);
        var old = _parameters.Select(p => p.BoxedValue).ToArray();
        for (var i = 0; i < _parameters.Length; i++)
        {
            if (!Equals(old[i], proposal.Values[i]) && !_parameters[i].TrySetBoxed(proposal.Values[i], out var reason))
            {
                // The engines only produce values the constraints allow; a refusal means a rule they do not know
                // (a pattern on a number, say). The parameters set so far go back, so no half candidate is left.
                for (var j = 0; j < i; j++)
                {
                    _parameters[j].TrySetBoxed(old[j], out _);
                }

                throw new InvalidOperationException(
                    $"Parameter '{_parameters[i].Name}' refused the value {ValueFormatter.Format(proposal.Values[i], 40)} proposed by {GetType().Name}: {reason}");
            }
        }

        return _run.Proposed(old, proposal, _parameters);
    }

    /// <inheritdoc />
    public override void Report(double score)
    {
        if (_run.Pending is null)
        {
            throw new InvalidOperationException(
                "Report was called with no proposal waiting for a score: call Propose, evaluate the candidate it set, then Report its score once.");
        }

        _run.Reported(score, _parameters);
    }

    /// <inheritdoc />
    public override void RestoreBest()
    {
        if (_run.BestValues is not { } best)
        {
            return;
        }

        for (var i = 0; i < _parameters.Length; i++)
        {
            if (!Equals(_parameters[i].BoxedValue, best[i]))
            {
                _parameters[i].TrySetBoxed(best[i], out _);
            }
        }
    }

    /// <inheritdoc />
    public override string SaveState()
    {
        var state = new SearchState
        {
            Format = SearchState.CurrentFormat,
            Search = GetType().Name,
            Settings = _settings,
            Parameters = Signature(),
            Seed = _run.Seed,
            Random = _run.Random.State,
            Origin = ToJson(_run.Origin),
            Trials = [.. _run.Trials.Select(t => new SearchStateTrial(ToJson(t.Values), t.Score))],
            Pending = _run.Pending is { } pending ? ToJson(pending) : null,
        };
        return JsonSerializer.Serialize(state, SearchState.FileOptions);
    }

    /// <inheritdoc />
    /// <remarks>
    /// The saved seed and initial values replace this search's own, and the search is rebuilt by replaying every
    /// reported score. The parameters are left as they are, unless a proposal was waiting for its score when the
    /// state was saved: then they are set to that proposal, which awaits <see cref="Report"/> again.
    /// </remarks>
    public override void LoadState(string stateJson)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(stateJson);
        SearchState? state;
        try
        {
            state = JsonSerializer.Deserialize<SearchState>(stateJson, SearchState.FileOptions);
        }
        catch (JsonException ex)
        {
            throw new ArgumentException($"This is not a search state written by {nameof(SaveState)}: {ex.Message}", nameof(stateJson), ex);
        }

        if (state is null || state.Format != SearchState.CurrentFormat)
        {
            throw new ArgumentException(
                $"This is not a search state written by {nameof(SaveState)} (format '{state?.Format}', expected '{SearchState.CurrentFormat}').", nameof(stateJson));
        }

        if (state.Search != GetType().Name)
        {
            throw new ArgumentException($"The state was saved by a {state.Search}, not a {GetType().Name}.", nameof(stateJson));
        }

        var signature = Signature();
        if (!state.Parameters.SequenceEqual(signature))
        {
            throw new ArgumentException(
                $"The state belongs to a search over other parameters. Saved: {string.Join("; ", state.Parameters)}. This search: {string.Join("; ", signature)}.",
                nameof(stateJson));
        }

        if (state.Settings != _settings)
        {
            throw new ArgumentException($"The state was saved with other settings. Saved: {state.Settings}. This search: {_settings}.", nameof(stateJson));
        }

        var run = Replay(state);
        if (run.Random.State != state.Random)
        {
            throw new ArgumentException(
                "Replaying the state did not reach the random state it records: it was edited, or written by another version of the search.", nameof(stateJson));
        }

        _run = run;
    }

    private Run Replay(SearchState state)
    {
        var origin = FromJson(state.Origin, "the initial values");
        ISearchEngine engine;
        try
        {
            engine = CreateEngine(origin);
        }
        catch (ArgumentException ex)
        {
            throw new ArgumentException($"The state's initial values cannot start this search: {ex.Message}", nameof(state), ex);
        }

        var run = new Run(engine, state.Seed, origin);
        var previous = origin;
        for (var t = 0; t < state.Trials.Count; t++)
        {
            var proposal = ReplayProposal(run, state.Trials[t].Values, $"trial {t + 1}");
            run.Proposed(previous, proposal, _parameters);
            run.Reported(state.Trials[t].Score, _parameters);
            previous = [.. proposal.Values];
        }

        if (state.Pending is { } pending)
        {
            var proposal = ReplayProposal(run, pending, "the proposal waiting for its score");
            var old = _parameters.Select(p => p.BoxedValue).ToArray();
            for (var i = 0; i < _parameters.Length; i++)
            {
                if (!Equals(old[i], proposal.Values[i]) && !_parameters[i].TrySetBoxed(proposal.Values[i], out var reason))
                {
                    throw new ArgumentException($"Parameter '{_parameters[i].Name}' refused the value waiting for its score: {reason}", nameof(state));
                }
            }

            run.Proposed(old, proposal, _parameters);
        }

        return run;
    }

    /// <summary>Proposes the next candidate during a replay and checks it is the one the state recorded.</summary>
    private EngineProposal ReplayProposal(Run run, Dictionary<string, JsonElement> saved, string what)
    {
        var proposal = run.Engine.Propose(run.Random);
        for (var i = 0; i < _parameters.Length; i++)
        {
            var parameter = _parameters[i];
            var replayed = JsonSerializer.Serialize(proposal.Values[i], parameter.ValueType, SearchState.ValueOptions);
            if (!saved.TryGetValue(parameter.Name, out var element) || element.GetRawText() != replayed)
            {
                throw new ArgumentException(
                    $"Replaying the state gave another value for '{parameter.Name}' at {what} ({replayed} instead of {(saved.TryGetValue(parameter.Name, out var e) ? e.GetRawText() : "nothing")}): the state was edited, or written by another version of the search.");
            }
        }

        return proposal;
    }

    private ISearchEngine CreateEngine(object?[] origin)
    {
        var numericSlots = Enumerable.Range(0, _parameters.Length).Where(i => _choices[i] is null).ToArray();
        var categoricalSlots = Enumerable.Range(0, _parameters.Length).Where(i => _choices[i] is not null).ToArray();
        ISearchEngine? numeric = null;
        ISearchEngine? categorical = null;
        if (numericSlots.Length > 0)
        {
            var dimensions = numericSlots.Select(i => NumericDimension.Problem(_parameters[i], origin[i]) is { } problem
                ? throw new ArgumentException($"'{_parameters[i].Name}': {problem}.")
                : NumericDimension.Create(_parameters[i], origin[i]!)).ToArray();
            numeric = new OnePlusOneEvolution(dimensions, [.. numericSlots.Select(i => origin[i])], _options.Numeric);
        }

        if (categoricalSlots.Length > 0)
        {
            categorical = new CategoricalEngine([.. categoricalSlots.Select(i => _choices[i]!)], [.. categoricalSlots.Select(i => origin[i])], _options.Categorical);
        }

        return numeric is not null && categorical is not null
            ? new AlternatingEngine(numeric, numericSlots, categorical, categoricalSlots)
            : numeric ?? categorical!;
    }

    private static string? Classify(IParameterNode parameter, bool numeric, bool categorical, out CategoricalChoices? choices)
    {
        choices = null;
        var type = Nullable.GetUnderlyingType(parameter.ValueType) ?? parameter.ValueType;
        if (parameter.IsCode)
        {
            return "code — needs an LLM optimizer (configure a provider)";
        }

        if (CategoricalChoices.IsCategorical(parameter))
        {
            if (!categorical)
            {
                return $"categorical — {nameof(CategoricalSearch)} or {nameof(CombinedSearch)} searches it";
            }

            choices = CategoricalChoices.Create(parameter, out var problem);
            return problem;
        }

        if (NumericDimension.IsNumericType(type, out _))
        {
            return !numeric
                ? $"numeric — {nameof(NumericSearch)} or {nameof(CombinedSearch)} searches it"
                : NumericDimension.Problem(parameter, parameter.BoxedValue);
        }

        return type == typeof(string)
            ? "text — needs an LLM optimizer (configure a provider)"
            : $"a {TypeNames.Friendly(parameter.ValueType)} is neither a number nor a choice among fixed values — needs an LLM optimizer (configure a provider)";
    }

    private SearchStateParameter[] Signature() => [.. _parameters.Select((p, i) => new SearchStateParameter(
        p.Name,
        TypeNames.Friendly(p.ValueType),
        _choices[i] is { } c
            ? "one of " + string.Join(", ", c.Values.Select(v => ValueFormatter.Format(v, 40)))
            : p.Constraints.Describe() is { Length: > 0 } rule ? "number " + rule : "number"))];

    private Dictionary<string, JsonElement> ToJson(object?[] values)
    {
        var json = new Dictionary<string, JsonElement>(StringComparer.Ordinal);
        for (var i = 0; i < _parameters.Length; i++)
        {
            json[_parameters[i].Name] = JsonSerializer.SerializeToElement(values[i], _parameters[i].ValueType, SearchState.ValueOptions);
        }

        return json;
    }

    private object?[] FromJson(Dictionary<string, JsonElement> json, string what)
    {
        var values = new object?[_parameters.Length];
        for (var i = 0; i < _parameters.Length; i++)
        {
            var parameter = _parameters[i];
            if (!json.TryGetValue(parameter.Name, out var element))
            {
                throw new ArgumentException($"The state has no value for '{parameter.Name}' in {what}.");
            }

            if (!parameter.TryReadValue(element, SearchState.ValueOptions, out values[i], out var reason))
            {
                throw new ArgumentException($"The state's value for '{parameter.Name}' in {what} does not fit the parameter: {reason}.");
            }
        }

        return values;
    }

    /// <summary>Everything that changes while searching, so that a load can build a new one and swap it in whole.</summary>
    private sealed class Run(ISearchEngine engine, long seed, object?[] origin)
    {
        private double _bestScore = double.NegativeInfinity;

        public ISearchEngine Engine { get; } = engine;

        public long Seed { get; } = seed;

        public SearchRandom Random { get; } = new(seed);

        public object?[] Origin { get; } = origin;

        public List<(object?[] Values, double Score)> Trials { get; } = [];

        public List<OptimizerStep> History { get; } = [];

        public object?[]? Pending { get; private set; }

        public SearchCandidate? Best { get; private set; }

        public object?[]? BestValues { get; private set; }

        public OptimizerStep Proposed(object?[] old, EngineProposal proposal, IParameterNode[] parameters)
        {
            var updates = new List<ParameterUpdate>();
            var unchanged = new List<string>();
            for (var i = 0; i < parameters.Length; i++)
            {
                if (Equals(old[i], proposal.Values[i]))
                {
                    unchanged.Add(parameters[i].Name);
                }
                else
                {
                    updates.Add(new ParameterUpdate(parameters[i].Name, old[i], proposal.Values[i]));
                }
            }

            var step = new OptimizerStep
            {
                Number = History.Count + 1,
                Exchanges = [],
                Updates = updates.AsReadOnly(),
                Rejections = [],
                Unchanged = unchanged.AsReadOnly(),
                Notes = [proposal.Rule],
                Reasoning = proposal.Rule,
                NoOpReason = updates.Count == 0 ? "the candidate equals the current values" : null,
            };
            History.Add(step);
            Pending = [.. proposal.Values];
            return step;
        }

        public void Reported(double score, IParameterNode[] parameters)
        {
            var values = Pending!;
            Pending = null;
            var counted = double.IsFinite(score) ? score : double.NegativeInfinity; // NaN and ±∞ count as the worst score
            Engine.Tell(counted);
            Trials.Add((values, score));
            if (Best is null || counted > _bestScore)
            {
                _bestScore = counted;
                BestValues = values;
                var byName = new Dictionary<string, object?>(StringComparer.Ordinal);
                for (var i = 0; i < parameters.Length; i++)
                {
                    byName[parameters[i].Name] = values[i];
                }

                Best = new SearchCandidate(byName, score);
            }
        }
    }
}
