using Opto.Trace;

namespace Opto.Optimizers.Baselines;

/// <summary>
/// Numeric and categorical parameters searched together: the numeric ones as in <see cref="NumericSearch"/>, the
/// categorical ones as in <see cref="CategoricalSearch"/>, taking turns (one proposal moves the numbers with the
/// leading choices held, the next tries a choice with the best numbers held). Text and code parameters are listed
/// in <see cref="SearchOptimizer.Skipped"/>: they need an LLM optimizer.
/// </summary>
public sealed class CombinedSearch : ParameterSearch
{
    /// <summary>Creates the search; the parameters' current values are its starting point.</summary>
    /// <param name="parameters">The parameters (a <see cref="ParameterCollection"/> or any sequence); only trainable ones are considered.</param>
    /// <param name="options">Settings; defaults when null.</param>
    /// <exception cref="ArgumentException">No parameter can be searched (the message says why for each), two share a key, or a setting is out of range.</exception>
    public CombinedSearch(IEnumerable<IParameterNode> parameters, SearchOptions? options = null)
        : base(parameters, options, numeric: true, categorical: true)
    {
    }
}
