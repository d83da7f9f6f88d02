using Opto.Optimizers.Baselines;
using Opto.Trace;

namespace Opto.Trainer;

/// <summary>Proposes through a score-driven <see cref="SearchOptimizer"/>: ask with Propose, tell with Report.</summary>
internal sealed class SearchProposer(SearchOptimizer search) : Proposer
{
    private static readonly IReadOnlyDictionary<string, string> NoFeedback = new Dictionary<string, string>();

    public override IReadOnlyList<IParameterNode> Parameters => search.Parameters;

    public override string Name => search.GetType().Name;

    public override bool UsesFeedback => false;

    public override bool Exhausted => search.Converged;

    public override void ClearFeedback()
    {
    }

    public override Task<Proposal> ProposeAsync(CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        var step = search.Propose();
        var reason = step.Reasoning ?? (step.Notes.Count > 0 ? string.Join("; ", step.Notes) : null);
        return Task.FromResult(new Proposal(step, NoFeedback, reason));
    }

    public override void Report(double score) => search.Report(score);

    public override string? SaveState() => search.SaveState();

    public override void LoadState(string state) => search.LoadState(state);
}
