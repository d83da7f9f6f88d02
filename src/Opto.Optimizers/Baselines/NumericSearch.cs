using Opto.Trace;

namespace Opto.Optimizers.Baselines;

/// <summary>
/// A derivative-free search over numeric parameters (integers, floats, doubles, decimals) by a (1+1) evolution
/// strategy with step-size adaptation. Minimum and maximum are respected at every proposal (steps are reflected at
/// the bounds) and integers are rounded. The first proposal is the parameters' initial values, to score the baseline.
/// Categorical, text and code parameters are left alone and listed in <see cref="SearchOptimizer.Skipped"/>.
/// </summary>
public sealed class NumericSearch : ParameterSearch
{
    /// <summary>Creates the search; the parameters' current values are its starting point.</summary>
    /// <param name="parameters">The parameters (a <see cref="ParameterCollection"/> or any sequence); only trainable ones are considered.</param>
    /// <param name="options">Settings; defaults when null.</param>
    /// <exception cref="ArgumentException">No parameter can be searched as a number (the message says why for each), two share a key, or a setting is out of range.</exception>
    public NumericSearch(IEnumerable<IParameterNode> parameters, SearchOptions? options = null)
        : base(parameters, options, numeric: true, categorical: false)
    {
    }
}
