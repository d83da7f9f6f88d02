using Opto.Optimizers.Baselines;
using Opto.Trace;

namespace Opto.Optimizers.Tests.Baselines;

public class SearchProtocolTests
{
    [Fact]
    public void Report_without_a_proposal_is_an_error()
    {
        var search = new NumericSearch([new ParameterNode<double>(1, "x")]);

        var ex = Assert.Throws<InvalidOperationException>(() => search.Report(1));

        Assert.Contains("call Propose", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Proposing_twice_without_a_report_is_an_error()
    {
        var search = new CategoricalSearch([new ParameterNode<bool>(false, "flag")]);
        search.Propose();

        var ex = Assert.Throws<InvalidOperationException>(() => search.Propose());

        Assert.Contains("Propose was called twice without Report", ex.Message, StringComparison.Ordinal);
        search.Report(0);
        search.Propose(); // the protocol recovers once the score is in
    }

    [Fact]
    public void Failed_scores_count_as_the_worst()
    {
        var x = new ParameterNode<double>(0.5, "x", constraints: ParameterConstraints.Range(0, 1));
        var search = new NumericSearch([x]);

        // Every candidate above 0.5 "crashes"; the score otherwise rewards large x.
        SearchLoop.Run(search, 100, () => x.Value > 0.5 ? (x.Value > 0.75 ? double.PositiveInfinity : double.NaN) : x.Value);

        Assert.InRange((double)search.Best!.Values["x"]!, 0.45, 0.5);
        Assert.True(double.IsFinite(search.Best.Score));
    }

    [Fact]
    public void Each_proposal_is_a_step_with_its_updates_and_the_rule_that_chose_it()
    {
        var x = new ParameterNode<double>(0.5, "x", constraints: ParameterConstraints.Range(0, 1));
        var flag = new ParameterNode<bool>(false, "flag");
        var search = new CombinedSearch([x, flag]);

        SearchLoop.Run(search, 10, () => x.Value + (flag.Value ? 1 : 0));

        var history = search.History;
        Assert.Equal(Enumerable.Range(1, 10), history.Select(s => s.Number));
        Assert.All(history, s => Assert.Empty(s.Exchanges));
        Assert.All(history, s => Assert.False(string.IsNullOrWhiteSpace(s.Reasoning)));
        Assert.All(history, s => Assert.Equal(s.Reasoning, Assert.Single(s.Notes)));
        var moved = history.Skip(1).First(s => s.Changed);
        var update = moved.Updates[0];
        Assert.NotEqual(update.OldValue, update.NewValue);
        Assert.Contains(history, s => s.Reasoning!.StartsWith("UCB1: first pull", StringComparison.Ordinal));
        Assert.Contains(history, s => s.Reasoning!.StartsWith("(1+1)-ES: Gaussian step", StringComparison.Ordinal));
    }

    [Fact]
    public void RestoreBest_sets_the_best_candidate_back()
    {
        var x = new ParameterNode<int>(0, "x", constraints: ParameterConstraints.Range(-50, 50));
        var search = new NumericSearch([x]);
        search.RestoreBest(); // nothing reported yet: nothing happens
        Assert.Equal(0, x.Value);

        SearchLoop.Run(search, 60, () => -Math.Abs(x.Value - 20));
        search.Propose();
        search.Report(-1000);
        search.RestoreBest();

        Assert.Equal(search.Best!.Values["x"], x.Value);
        Assert.Equal(20, x.Value);
    }

    [Fact]
    public void Options_name_the_bad_value()
    {
        var x = new ParameterNode<double>(1, "x");

        var step = Assert.Throws<ArgumentException>(() => new NumericSearch([x], new SearchOptions { Numeric = new NumericSearchOptions { InitialStep = 1.5 } }));
        var minimum = Assert.Throws<ArgumentException>(() => new SearchOptions { Numeric = new NumericSearchOptions { MinimumStep = 0.5 } }.Validate());
        var pulls = Assert.Throws<ArgumentException>(() => new CategoricalSearchOptions { PullsPerRound = 0 }.Validate());
        var exploration = Assert.Throws<ArgumentException>(() => new CategoricalSearchOptions { Exploration = double.NaN }.Validate());
        var strategy = Assert.Throws<ArgumentException>(() => new CategoricalSearchOptions { Strategy = (CategoricalStrategy)9 }.Validate());

        Assert.Contains("InitialStep must be above 0 and at most 1 (got 1.5)", step.Message, StringComparison.Ordinal);
        Assert.Contains("(got 0.5)", minimum.Message, StringComparison.Ordinal);
        Assert.Contains("PullsPerRound must be at least 1 (got 0)", pulls.Message, StringComparison.Ordinal);
        Assert.Contains("(got NaN)", exploration.Message, StringComparison.Ordinal);
        Assert.Contains("Strategy 9", strategy.Message, StringComparison.Ordinal);
    }
}
