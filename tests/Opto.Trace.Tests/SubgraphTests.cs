namespace Opto.Trace.Tests;

public class SubgraphTests
{
    [Fact]
    public void A_parameter_view_holds_the_paths_to_the_output_plus_their_direct_inputs()
    {
        var a = new ParameterNode<double>(1.0, "a");
        var b = new ParameterNode<double>(2.0, "b");
        using var scope = TraceScope.Begin();
        var offset = Node.Input(5.0, "offset");
        var unrelated = Node.Input(7.0, "unrelated") * 2.0; // not an ancestor of y
        var left = a * 3.0;
        var right = b + offset;
        var y = left + right;
        y.Backward("too small");

        var viewA = TraceSubgraph.For(a);

        Assert.Equal([a, left, y], viewA.OnPath);
        Assert.Contains(right, viewA.Nodes);           // a sibling input of y
        Assert.DoesNotContain(offset, viewA.Nodes);    // an input of the sibling, not of the path
        Assert.DoesNotContain(b, viewA.Nodes);
        Assert.DoesNotContain(unrelated, viewA.Nodes);
        Assert.Equal([a], viewA.Parameters);
        Assert.Equal([y], viewA.Outputs);
        Assert.Equal([left, right], viewA.Intermediates);
        Assert.Single(viewA.Inputs); // the constant 3.0
        AssertTopological(viewA.Nodes);

        var viewAB = TraceSubgraph.For([a, b]);
        Assert.Equal([a, b], viewAB.Parameters);
        Assert.Contains(offset, viewAB.Nodes);
        Assert.Single(viewAB.Feedback); // one record shared by both
        AssertTopological(viewAB.Nodes);
    }

    [Fact]
    public void A_view_exposes_values_and_operation_documentation()
    {
        var p = new ParameterNode<string>("hello", "greeting", "The opening word.");
        using var scope = TraceScope.Begin();
        var shout = p.ToUpper();
        shout.Backward("too loud");

        var view = TraceSubgraph.For(p);
        Assert.Equal("HELLO", view.Outputs[0].BoxedValue);
        Assert.Equal("[upper] The text x in upper case.", view.Outputs[0].Description);
        Assert.Equal("The opening word.", view.Parameters[0].Description);
        Assert.Equal("too loud", view.Feedback[0].Text);
    }

    [Fact]
    public void Rendered_names_are_unique_even_when_a_parameter_is_named_like_a_node()
    {
        var p = new ParameterNode<int>(1, "add_0");
        using var scope = TraceScope.Begin();
        var y = p + 1;  // this node is also called add_0
        Assert.Equal("add_0", y.Name);
        y.Backward("fine");

        var view = TraceSubgraph.For(p);
        Assert.Equal("add_0", view.NameOf(p));
        Assert.NotEqual("add_0", view.NameOf(y));
        Assert.Same(p, view.Find("add_0"));
        Assert.Same(y, view.Find(view.NameOf(y)));
        Assert.Equal(view.Nodes.Count, view.Nodes.Select(view.NameOf).Distinct().Count());
    }

    [Fact]
    public void Views_across_several_scopes_merge_in_creation_order()
    {
        var p = new ParameterNode<double>(1.0, "p");
        Node<double> first, second;
        using (TraceScope.Begin())
        {
            first = p * 2.0;
            first.Backward("example 1: too low");
        }

        using (TraceScope.Begin())
        {
            second = p + 10.0;
            second.Backward("example 2: too high");
        }

        var view = TraceSubgraph.For(p);
        Assert.Equal([first, second], view.Outputs);
        Assert.Equal(2, view.Feedback.Count);
        AssertTopological(view.Nodes);
    }

    private static void AssertTopological(IReadOnlyList<Node> nodes)
    {
        var seen = new HashSet<Node>();
        foreach (var node in nodes)
        {
            Assert.All(node.Parents.Where(nodes.Contains), p => Assert.Contains(p, seen));
            seen.Add(node);
        }
    }
}
