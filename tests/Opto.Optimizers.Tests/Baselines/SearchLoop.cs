using Opto.Optimizers.Baselines;

namespace Opto.Optimizers.Tests.Baselines;

/// <summary>The ask/tell loop the tests share.</summary>
internal static class SearchLoop
{
    /// <summary>Proposes and reports <paramref name="proposals"/> times; the objective reads the parameters, which hold the candidate.</summary>
    public static void Run(SearchOptimizer search, int proposals, Func<double> objective, Action? afterPropose = null)
    {
        for (var i = 0; i < proposals; i++)
        {
            search.Propose();
            afterPropose?.Invoke();
            search.Report(objective());
        }
    }

    /// <summary>Runs until the best score reaches <paramref name="target"/>; returns the number of proposals, or -1 when the budget ran out.</summary>
    public static int ProposalsToReach(SearchOptimizer search, double target, int budget, Func<double> objective)
    {
        for (var i = 1; i <= budget; i++)
        {
            search.Propose();
            search.Report(objective());
            if (search.Best!.Score >= target)
            {
                return i;
            }
        }

        return -1;
    }
}
