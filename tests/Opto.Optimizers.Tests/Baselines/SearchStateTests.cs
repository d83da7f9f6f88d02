using Opto.Optimizers.Baselines;
using Opto.Trace;

namespace Opto.Optimizers.Tests.Baselines;

public class SearchStateTests
{
    /// <summary>A fresh set of parameters with their initial values, and an objective over them.</summary>
    private sealed class Problem
    {
        public ParameterNode<double> Rate { get; } = new(0.9, "rate", constraints: ParameterConstraints.Range(0, 1));
        public ParameterNode<int> Layers { get; } = new(2, "layers", constraints: ParameterConstraints.Range(1, 12));
        public ParameterNode<Model> Model { get; } = new(Opto.Optimizers.Tests.Baselines.Model.Tiny, "model");

        public IParameterNode[] All => [Rate, Layers, Model];

        // Deterministic but not smooth, with a failure now and then, so that NaN scores go through the state too.
        public double Score() => Layers.Value == 7 && Model.Value == Opto.Optimizers.Tests.Baselines.Model.Small
            ? double.NaN
            : -Math.Pow(Rate.Value - 0.4, 2) - Math.Abs(Layers.Value - 5) * 0.1 + (int)Model.Value * 0.05;

        public string Snapshot() => $"{Rate.Value:R}/{Layers.Value}/{Model.Value}";
    }

    private static List<string> Proposals(SearchOptimizer search, Problem problem, int count)
    {
        var seen = new List<string>();
        SearchLoop.Run(search, count, problem.Score, () => seen.Add(problem.Snapshot()));
        return seen;
    }

    [Fact]
    public void A_resumed_search_proposes_exactly_what_an_uninterrupted_one_would()
    {
        var whole = new Problem();
        var expected = Proposals(SearchOptimizer.For(whole.All, new SearchOptions { Seed = 42 }), whole, 60);

        var first = new Problem();
        var before = SearchOptimizer.For(first.All, new SearchOptions { Seed = 42 });
        var seen = Proposals(before, first, 25);
        var state = before.SaveState();

        // A new process: fresh parameters (still at their initial values, or restored from elsewhere), a new search.
        var second = new Problem();
        second.Rate.Value = 0.1;
        var after = SearchOptimizer.For(second.All, new SearchOptions { Seed = 42 });
        after.LoadState(state);
        Assert.Equal(25, after.History.Count);
        Assert.Equal(before.Best!.Score, after.Best!.Score);
        seen.AddRange(Proposals(after, second, 35));

        Assert.Equal(expected, seen);
    }

    [Fact]
    public void The_same_seed_gives_the_same_proposals_and_another_seed_others()
    {
        var a = new Problem();
        var b = new Problem();
        var c = new Problem();

        var first = Proposals(new CombinedSearch(a.All, new SearchOptions { Seed = 3 }), a, 30);
        var again = Proposals(new CombinedSearch(b.All, new SearchOptions { Seed = 3 }), b, 30);
        var other = Proposals(new CombinedSearch(c.All, new SearchOptions { Seed = 4 }), c, 30);

        Assert.Equal(first, again);
        Assert.NotEqual(first, other);
    }

    [Fact]
    public void A_state_saved_while_a_proposal_waits_resumes_with_that_proposal()
    {
        var problem = new Problem();
        var search = new NumericSearch(problem.All, new SearchOptions { Seed = 8 });
        Proposals(search, problem, 5);
        search.Propose();
        var waiting = problem.Snapshot();
        var state = search.SaveState();

        var fresh = new Problem();
        var resumed = new NumericSearch(fresh.All, new SearchOptions { Seed = 8 });
        resumed.LoadState(state);

        Assert.Equal(waiting, fresh.Snapshot());
        Assert.Throws<InvalidOperationException>(() => resumed.Propose());
        resumed.Report(fresh.Score());
        Assert.Equal(6, resumed.History.Count);
    }

    [Fact]
    public void A_state_from_another_kind_of_search_is_refused()
    {
        var problem = new Problem();
        var state = new NumericSearch(problem.All).SaveState();

        var ex = Assert.Throws<ArgumentException>(() => new CombinedSearch(problem.All).LoadState(state));

        Assert.Contains("saved by a NumericSearch, not a CombinedSearch", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_state_over_other_parameters_is_refused()
    {
        var problem = new Problem();
        var state = new CombinedSearch(problem.All).SaveState();
        var wider = new ParameterNode<double>(0.5, "rate", constraints: ParameterConstraints.Range(0, 2));

        var ex = Assert.Throws<ArgumentException>(() => new CombinedSearch([wider, problem.Layers, problem.Model]).LoadState(state));

        Assert.Contains("other parameters", ex.Message, StringComparison.Ordinal);
        Assert.Contains("rate (double, number between 0 and 1 inclusive)", ex.Message, StringComparison.Ordinal);
        Assert.Contains("rate (double, number between 0 and 2 inclusive)", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_state_with_other_settings_is_refused()
    {
        var problem = new Problem();
        var state = new CombinedSearch(problem.All).SaveState();
        var options = new SearchOptions { Categorical = new CategoricalSearchOptions { Strategy = CategoricalStrategy.SuccessiveHalving } };

        var ex = Assert.Throws<ArgumentException>(() => new CombinedSearch(problem.All, options).LoadState(state));

        Assert.Contains("other settings", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Text_that_is_not_a_state_and_an_edited_state_are_refused()
    {
        var problem = new Problem();
        var search = new CombinedSearch(problem.All);
        Proposals(search, problem, 6);
        var state = search.SaveState();
        var edited = state.Replace("\"layers\": 2", "\"layers\": 3", StringComparison.Ordinal);
        Assert.NotEqual(state, edited);

        Assert.Throws<ArgumentException>(() => new CombinedSearch(new Problem().All).LoadState("{ not json"));
        Assert.Throws<ArgumentException>(() => new CombinedSearch(new Problem().All).LoadState("{\"format\": \"something else\"}"));
        var ex = Assert.Throws<ArgumentException>(() => new CombinedSearch(new Problem().All).LoadState(edited));
        Assert.Contains("edited", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void The_state_is_readable_and_keeps_failed_scores()
    {
        var problem = new Problem();
        var search = new CategoricalSearch(problem.All);
        search.Propose();
        search.Report(double.NaN);

        var state = search.SaveState();

        Assert.Contains("\"model\": \"Tiny\"", state, StringComparison.Ordinal);
        Assert.Contains("\"score\": \"NaN\"", state, StringComparison.Ordinal);
        var resumed = new CategoricalSearch(new Problem().All);
        resumed.LoadState(state);
        Assert.True(double.IsNaN(resumed.Best!.Score));
    }
}
