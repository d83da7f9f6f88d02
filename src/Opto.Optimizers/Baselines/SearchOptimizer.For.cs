using Opto.Trace;

namespace Opto.Optimizers.Baselines;

public abstract partial class SearchOptimizer
{
    /// <summary>
    /// The search for any parameters: numeric ones by an evolution strategy, categorical ones (bool, enum, allowed
    /// values) by a bandit, taking turns; text and code parameters are left to an LLM optimizer and listed in
    /// <see cref="Skipped"/>. It is a <see cref="CombinedSearch"/>.
    /// </summary>
    /// <param name="parameters">The parameters (a <see cref="ParameterCollection"/> or any sequence); only trainable ones are considered.</param>
    /// <param name="options">Settings; defaults when null.</param>
    /// <returns>The search, ready for <see cref="Propose"/>.</returns>
    /// <exception cref="ArgumentException">No parameter can be searched (the message names each and says why), two share a key, or a setting is out of range.</exception>
    /// <example>
    /// <code>
    /// var search = SearchOptimizer.For(parameters, new SearchOptions { Seed = 42 });
    /// while (!search.Converged &amp;&amp; search.History.Count &lt; 200)
    /// {
    ///     search.Propose();                 // the parameters now hold the candidate
    ///     search.Report(Evaluate());        // higher is better; NaN counts as the worst
    /// }
    /// search.RestoreBest();
    /// </code>
    /// </example>
    public static SearchOptimizer For(IEnumerable<IParameterNode> parameters, SearchOptions? options = null) =>
        new CombinedSearch(parameters, options);
}
