using Opto.Optimizers.Baselines;
using Opto.Trace;

namespace Opto.Optimizers.Tests.Baselines;

public enum Model
{
    Tiny,
    Small,
    Medium,
    Large,
}

public class CategoricalSearchTests
{
    private static readonly Dictionary<Model, double> Means = new()
    {
        [Model.Tiny] = 0.2,
        [Model.Small] = 0.5,
        [Model.Medium] = 0.8,
        [Model.Large] = 0.6,
    };

    [Theory]
    [InlineData(CategoricalStrategy.Ucb1)]
    [InlineData(CategoricalStrategy.SuccessiveHalving)]
    public void Finds_the_best_arm_despite_noisy_rewards(CategoricalStrategy strategy)
    {
        var model = new ParameterNode<Model>(Model.Tiny, "model");
        var noise = new Random(17);
        var search = new CategoricalSearch([model], new SearchOptions { Categorical = new CategoricalSearchOptions { Strategy = strategy } });
        var pulls = new List<Model>();

        SearchLoop.Run(search, 300, () => Means[model.Value] + (noise.NextDouble() - 0.5) * 0.6, () => pulls.Add(model.Value));

        var favourite = pulls.Skip(200).GroupBy(m => m).MaxBy(g => g.Count())!.Key;
        Assert.Equal(Model.Medium, favourite);
        Assert.Equal(Model.Medium, search.Incumbent["model"]);
        Assert.True(search.Converged);
    }

    [Fact]
    public void Successive_halving_converges_on_its_own_and_then_proposes_the_winner()
    {
        var flag = new ParameterNode<bool>(false, "flag");
        var search = new CategoricalSearch([flag], new SearchOptions { Categorical = new CategoricalSearchOptions { Strategy = CategoricalStrategy.SuccessiveHalving } });
        var proposals = 0;

        while (!search.Converged && proposals < 100)
        {
            search.Propose();
            search.Report(flag.Value ? 1 : 0);
            proposals++;
        }

        Assert.Equal(4, proposals); // one round: two arms, two pulls each
        var step = search.Propose();
        Assert.True(flag.Value);
        Assert.Contains("winner", step.Notes[0], StringComparison.Ordinal);
    }

    [Fact]
    public void Ucb1_converges_once_every_arm_has_its_pulls_and_the_leader_is_clear()
    {
        var model = new ParameterNode<Model>(Model.Tiny, "model");
        var search = new CategoricalSearch([model]);

        SearchLoop.Run(search, 4 * 3 - 1, () => Means[model.Value]);
        Assert.False(search.Converged);
        SearchLoop.Run(search, 40, () => Means[model.Value]);

        Assert.True(search.Converged);
        Assert.Equal(Model.Medium, search.Best!.Values["model"]);
    }

    [Fact]
    public void Ucb1_also_converges_when_two_arms_are_equally_good()
    {
        var model = new ParameterNode<Model>(Model.Tiny, "model");
        var noise = new Random(21);
        var search = new CategoricalSearch([model]);
        var proposals = 0;

        while (!search.Converged && proposals < 20_000)
        {
            search.Propose();
            search.Report((model.Value is Model.Medium or Model.Large ? 1 : 0) + (noise.NextDouble() - 0.5) * 0.2);
            proposals++;
        }

        Assert.True(search.Converged, $"not converged after {proposals} proposals");
        Assert.Contains(search.Best!.Values["model"], new object[] { Model.Medium, Model.Large });
    }

    [Fact]
    public void Never_proposes_a_value_outside_the_allowed_set()
    {
        var style = new ParameterNode<string>("plain", "style", constraints: ParameterConstraints.OneOf("plain", "bullets", "table"));
        // Allowed values written as ints and doubles for a double parameter, one of them not a number at all.
        var temperature = new ParameterNode<double>(0, "temperature", constraints: ParameterConstraints.OneOf(0, 0.5, 1, "hot"));
        var search = new CategoricalSearch([style, temperature], new SearchOptions { Seed = 4 });
        var seen = new HashSet<string>();

        SearchLoop.Run(search, 120, () => (style.Value == "table" ? 1 : 0) + temperature.Value, () =>
        {
            Assert.Contains(style.Value, new[] { "plain", "bullets", "table" });
            Assert.Contains(temperature.Value, new[] { 0.0, 0.5, 1.0 });
            seen.Add($"{style.Value}/{temperature.Value}");
        });

        Assert.Equal(9, seen.Count);
        Assert.Equal("table", search.Best!.Values["style"]);
        Assert.Equal(1.0, search.Best.Values["temperature"]);
    }

    [Fact]
    public void Combinations_see_an_interaction_that_per_parameter_arms_cannot()
    {
        // Only the pair (true, Small) is good; each value alone looks average.
        double Score(bool cache, Model model) => cache && model == Model.Small ? 1 : cache || model == Model.Small ? 0 : 0.4;
        var cache = new ParameterNode<bool>(false, "cache");
        var model = new ParameterNode<Model>(Model.Tiny, "model");
        var search = new CategoricalSearch([cache, model], new SearchOptions { Categorical = new CategoricalSearchOptions { Arms = CategoricalArms.Combinations } });

        SearchLoop.Run(search, 60, () => Score(cache.Value, model.Value));

        Assert.Equal(true, search.Best!.Values["cache"]);
        Assert.Equal(Model.Small, search.Best.Values["model"]);
        Assert.Contains("cache=true, model=Small", search.History[^1].Notes[0], StringComparison.Ordinal);
    }

    [Fact]
    public void Per_parameter_arms_handle_many_parameters_whose_effects_add_up()
    {
        var digits = Enumerable.Range(0, 3)
            .Select(i => new ParameterNode<int>(0, $"d{i}", constraints: ParameterConstraints.OneOf(0, 1, 2, 3, 4)))
            .ToArray();
        var noise = new Random(8);
        var search = new CategoricalSearch(digits, new SearchOptions { Seed = 9 }); // 125 combinations: Auto picks per-parameter arms
        var last = new List<int[]>();

        SearchLoop.Run(search, 800, () => digits.Select((d, i) => -Math.Abs(d.Value - (i + 1))).Sum() + noise.NextDouble(),
            () => last.Add([.. digits.Select(d => d.Value)]));

        Assert.Contains(search.History, s => s.Notes[0].StartsWith("d2: UCB1", StringComparison.Ordinal));
        for (var i = 0; i < digits.Length; i++)
        {
            var favourite = last.Skip(600).GroupBy(v => v[i]).MaxBy(g => g.Count())!.Key;
            Assert.Equal(i + 1, favourite);
        }
    }

    [Fact]
    public void A_failing_arm_counts_as_the_worst()
    {
        var model = new ParameterNode<Model>(Model.Tiny, "model");
        var search = new CategoricalSearch([model]);
        var pulls = new List<Model>();

        SearchLoop.Run(search, 80, () => model.Value == Model.Large ? double.NaN : Means[model.Value], () => pulls.Add(model.Value));

        Assert.Equal(Model.Medium, search.Best!.Values["model"]);
        Assert.True(pulls.Count(p => p == Model.Large) < pulls.Count(p => p == Model.Tiny) + 2);
    }
}
