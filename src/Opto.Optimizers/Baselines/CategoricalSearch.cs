using Opto.Trace;

namespace Opto.Optimizers.Baselines;

/// <summary>
/// A bandit search over categorical parameters: bools, enums, and any parameter with allowed values. Arms are
/// chosen by UCB1 or successive halving (<see cref="CategoricalSearchOptions.Strategy"/>); with several parameters
/// an arm is a combination of values or each parameter has its own arms (<see cref="CategoricalSearchOptions.Arms"/>).
/// Only allowed values are ever proposed. Numeric, text and code parameters are listed in <see cref="SearchOptimizer.Skipped"/>.
/// </summary>
public sealed class CategoricalSearch : ParameterSearch
{
    /// <summary>Creates the search.</summary>
    /// <param name="parameters">The parameters (a <see cref="ParameterCollection"/> or any sequence); only trainable ones are considered.</param>
    /// <param name="options">Settings; defaults when null.</param>
    /// <exception cref="ArgumentException">No parameter has at least two choices (the message says why for each), two share a key, or a setting is out of range.</exception>
    public CategoricalSearch(IEnumerable<IParameterNode> parameters, SearchOptions? options = null)
        : base(parameters, options, numeric: false, categorical: true)
    {
    }
}
