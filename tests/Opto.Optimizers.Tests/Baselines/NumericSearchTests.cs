using Opto.Optimizers.Baselines;
using Opto.Trace;

namespace Opto.Optimizers.Tests.Baselines;

public class NumericSearchTests
{
    [Theory]
    [InlineData(2, 400)]
    [InlineData(3, 600)]
    [InlineData(5, 1000)]
    public void Reaches_the_optimum_of_a_bounded_sphere(int dimensions, int budget)
    {
        var xs = Enumerable.Range(0, dimensions)
            .Select(i => new ParameterNode<double>(-4.0, $"x{i}", constraints: ParameterConstraints.Range(-5, 5)))
            .ToArray();
        double Sphere() => -xs.Select((x, i) => Math.Pow(x.Value - (1.0 + 0.5 * i), 2)).Sum();
        var search = new NumericSearch(xs, new SearchOptions { Seed = 7 });

        var needed = SearchLoop.ProposalsToReach(search, -1e-3, budget, Sphere);

        Assert.InRange(needed, 1, budget);
        for (var i = 0; i < dimensions; i++)
        {
            Assert.Equal(1.0 + 0.5 * i, (double)search.Best!.Values[$"x{i}"]!, 1);
        }
    }

    [Fact]
    public void Finds_an_optimum_far_from_the_start_of_an_unbounded_parameter()
    {
        var rate = new ParameterNode<double>(0.5, "rate");
        var search = new NumericSearch([rate]);

        var needed = SearchLoop.ProposalsToReach(search, -1e-4, 500, () => -Math.Pow(rate.Value - 40, 2));

        Assert.InRange(needed, 1, 500);
    }

    [Fact]
    public void Finds_the_best_integer_and_proposes_only_integers_in_range()
    {
        var batch = new ParameterNode<int>(10, "batch", constraints: ParameterConstraints.Range(1, 100));
        var workers = new ParameterNode<long>(2, "workers"); // no bounds: the scale comes from the value
        var search = new NumericSearch([batch, workers], new SearchOptions { Seed = 3 });
        var seen = new List<int>();

        SearchLoop.Run(search, 300, () => -Math.Pow(batch.Value - 73, 2) - Math.Abs(workers.Value - 9), () => seen.Add(batch.Value));

        Assert.All(seen, b => Assert.InRange(b, 1, 100));
        Assert.Equal(73, search.Best!.Values["batch"]);
        Assert.Equal(9L, search.Best.Values["workers"]);
    }

    [Fact]
    public void Never_proposes_a_value_outside_the_bounds_even_when_the_optimum_lies_beyond()
    {
        var x = new ParameterNode<double>(0.5, "x", constraints: ParameterConstraints.Range(0, 1));
        var f = new ParameterNode<float>(0.05f, "f", constraints: ParameterConstraints.Range(0.01, 0.1));
        var m = new ParameterNode<decimal>(3m, "m", constraints: new ParameterConstraints { Minimum = 2.5 });
        var search = new NumericSearch([x, f, m], new SearchOptions { Seed = 11 });
        var violations = new List<string>();

        SearchLoop.Run(search, 400, () => x.Value + f.Value * 10 - (double)m.Value, () =>
        {
            foreach (var p in new IParameterNode[] { x, f, m })
            {
                if (p.Constraints.Check(p.BoxedValue) is { } problem)
                {
                    violations.Add($"{p.Name}: {problem}");
                }
            }
        });

        Assert.Empty(violations);
        Assert.True((double)search.Best!.Values["x"]! > 0.99);
        Assert.True((float)search.Best.Values["f"]! > 0.099f);
        Assert.True((decimal)search.Best.Values["m"]! < 2.51m);
    }

    [Fact]
    public void Improves_a_noisy_one_dimensional_objective()
    {
        var x = new ParameterNode<double>(-8, "x", constraints: ParameterConstraints.Range(-10, 10));
        var noise = new Random(5);
        static double Truth(double v) => -Math.Pow(v - 3, 2);
        var search = new NumericSearch([x], new SearchOptions { Seed = 2 });

        SearchLoop.Run(search, 200, () => Truth(x.Value) + 0.5 * (noise.NextDouble() - 0.5) * 2);

        var best = (double)search.Best!.Values["x"]!;
        var incumbent = (double)search.Incumbent["x"]!;
        Assert.True(Math.Abs(best - 3) < 1, $"best x {best} is not near 3");
        Assert.True(Math.Abs(incumbent - 3) < 1, $"incumbent x {incumbent} is not near 3");
        Assert.True(Truth(best) > Truth(-8) + 50);
    }

    [Fact]
    public void Small_integer_types_stay_within_the_range_of_their_type()
    {
        var level = new ParameterNode<byte>(200, "level");
        var offset = new ParameterNode<sbyte>(-100, "offset");
        var search = new NumericSearch([level, offset]);

        SearchLoop.Run(search, 200, () => level.Value - offset.Value);

        Assert.Equal((byte)255, search.Best!.Values["level"]);
        Assert.Equal((sbyte)-128, search.Best.Values["offset"]);
    }

    [Fact]
    public void Converges_and_says_so()
    {
        var x = new ParameterNode<double>(2, "x", constraints: ParameterConstraints.Range(-5, 5));
        var n = new ParameterNode<int>(0, "n", constraints: ParameterConstraints.Range(-20, 20));
        var search = new NumericSearch([x, n], new SearchOptions { Numeric = new NumericSearchOptions { MinimumStep = 1e-4 } });
        var proposals = 0;

        while (!search.Converged && proposals < 3000)
        {
            search.Propose();
            search.Report(-Math.Pow(x.Value + 1, 2) - Math.Abs(n.Value - 4));
            proposals++;
        }

        Assert.True(search.Converged, $"not converged after {proposals} proposals");
        Assert.Equal(4, search.Best!.Values["n"]);
        Assert.Equal(-1, (double)search.Best.Values["x"]!, 2);
    }

    [Fact]
    public void Starts_by_scoring_the_initial_values()
    {
        var x = new ParameterNode<double>(0.25, "x", constraints: ParameterConstraints.Range(0, 1));
        var search = new NumericSearch([x]);

        var step = search.Propose();

        Assert.Empty(step.Updates);
        Assert.Equal(["x"], step.Unchanged);
        Assert.Contains("starting point", step.Notes[0], StringComparison.Ordinal);
        Assert.Equal(0.25, x.Value);
    }
}
