using Opto.Testing;
namespace Opto.Trace.Tests;

public class RenderingTests
{
    [Fact]
    public void A_graph_with_values_and_feedback_renders_to_dot()
    {
        var temperature = new ParameterNode<double>(0.7, "temperature", "Sampling temperature.", ParameterConstraints.Range(0, 1.5));
        using var scope = TraceScope.Begin("example");
        var prompt = Node.Input("Say \"hi\"\nthen stop.", "prompt");
        var scaled = temperature * 2.0;
        var text = Node.Format("{0} at {1}", prompt, scaled);
        text.Backward("too random");

        TextSnapshot.Match(scope.Graph.ToDot(), "graph_with_feedback");
    }

    [Fact]
    public void Exception_nodes_render_in_red_and_long_values_are_cut()
    {
        using var scope = TraceScope.Begin();
        var big = Node.Input(new string('x', 500), "big");
        var error = Assert.Throws<TraceExecutionException>(() => big.Split(",").At(3));
        var dot = scope.Graph.ToDot(new DotOptions { MaxTextLength = 40 });

        Assert.Contains("firebrick1", dot);
        Assert.Contains("…(+", dot);
        Assert.DoesNotContain(new string('x', 100), dot);
        Assert.Contains($"\"{error.Node.Name}\"", dot);
    }

    [Fact]
    public void A_subgraph_renders_with_its_collision_free_names()
    {
        var p = new ParameterNode<int>(1, "add_0");
        using var scope = TraceScope.Begin();
        var y = p + 1;
        y.Backward("ok");
        var view = TraceSubgraph.For(p);

        var dot = view.ToDot();
        Assert.Contains($"\"add_0\" -> \"{view.NameOf(y)}\"", dot);
        Assert.Contains("feedback: ok", dot);
    }

    [Fact]
    public void Nodes_are_named_after_their_exact_type_not_its_type_code()
    {
        using var scope = TraceScope.Begin();
        Assert.Equal("dayOfWeek_0", Node.Input(DayOfWeek.Monday).Name);
        Assert.Equal("DayOfWeek", TypeNames.Friendly(typeof(DayOfWeek)));
        Assert.Equal("(string, int)", TypeNames.Friendly(typeof((string, int))));
        Assert.Equal("Dictionary<string, int[,]>", TypeNames.Friendly(typeof(Dictionary<string, int[,]>)));
        Assert.Equal("int?", TypeNames.Friendly(typeof(int?)));
    }

    [Fact]
    public void Values_format_invariantly_and_collections_inline()
    {
        Assert.Equal("[1, 2, 3]", ValueFormatter.Format(new[] { 1, 2, 3 }));
        Assert.Equal("{\"a\": 1.5}", ValueFormatter.Format(new Dictionary<string, double> { ["a"] = 1.5 }));
        Assert.Equal("[\"a, b\", \"c\"]", ValueFormatter.Format(new[] { "a, b", "c" }));
        Assert.Equal("true", ValueFormatter.Format(true));
        Assert.Equal("(InvalidOperationException) bad", ValueFormatter.Format(new InvalidOperationException("bad")));
        Assert.Equal("null", ValueFormatter.Format(null));
        var cut = ValueFormatter.Format(new string('y', 1000), 50);
        Assert.Equal(50, cut.Length);
        Assert.EndsWith("…(+963 chars)", cut);
        var longList = ValueFormatter.Format(Enumerable.Range(0, 10_000).ToList(), 60);
        Assert.Equal(60, longList.Length);
        Assert.StartsWith("[0, 1, 2", longList);
        Assert.EndsWith("…(10000 items in all)", longList);
    }
}
