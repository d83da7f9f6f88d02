namespace Opto.Trace.Tests;

public class NodeTests
{
    [Fact]
    public void Input_nodes_are_roots_with_the_value_and_a_type_based_name()
    {
        using var scope = TraceScope.Begin();
        var x = Node.Input(3);
        var s = Node.Input("hi", name: "greeting", description: "What we say first.");

        Assert.Equal(3, x.Value);
        Assert.True(x.IsRoot);
        Assert.Equal(NodeKind.Value, x.Kind);
        Assert.Equal("int_0", x.Name);
        Assert.Equal("greeting_0", s.Name);
        Assert.Equal("What we say first.", s.Description);
        Assert.Same(scope.Graph, x.Graph);
    }

    [Fact]
    public void Names_count_per_base_within_a_graph_and_restart_in_a_new_scope()
    {
        using (TraceScope.Begin())
        {
            var a = Node.Input(1.0, "x");
            var b = Node.Input(2.0, "x");
            var c = a + b;
            var d = c + a;
            Assert.Equal(["x_0", "x_1", "add_0", "add_1"], new[] { a.Name, b.Name, c.Name, d.Name });
        }

        using (TraceScope.Begin())
        {
            Assert.Equal("x_0", Node.Input(1.0, "x").Name);
        }
    }

    [Fact]
    public void Names_never_collide_where_the_reference_renders_x11_twice()
    {
        // The Python reference turns x:11 and x1:1 into the same py_name "x11".
        using var scope = TraceScope.Begin();
        var xs = Enumerable.Range(0, 12).Select(_ => Node.Input(0, "x")).ToList();
        var x1s = Enumerable.Range(0, 2).Select(_ => Node.Input(0, "x1")).ToList();
        var names = scope.Graph.Nodes.Select(n => n.Name).ToList();

        Assert.Equal(names.Count, names.Distinct().Count());
        Assert.Equal("x_11", xs[11].Name);
        Assert.Equal("x1_1", x1s[1].Name);
    }

    [Fact]
    public void Message_nodes_keep_inputs_by_argument_name()
    {
        using var scope = TraceScope.Begin();
        var x = Node.Input(2);
        var y = Node.Input(5);
        var z = x - y;

        Assert.Equal(-3, z.Value);
        var message = Assert.IsType<MessageNode<int>>(z);
        Assert.Equal(NodeKind.Message, z.Kind);
        Assert.Equal(["x", "y"], message.Inputs.Select(i => i.Name));
        Assert.Same(x, message.Inputs[0].Node);
        Assert.Same(y, message.Inputs[1].Node);
        Assert.Equal([x, y], z.Parents);
        Assert.StartsWith("[subtract]", z.Description);
    }

    [Fact]
    public void Creation_order_is_topological()
    {
        using var scope = TraceScope.Begin();
        var x = Node.Input(1);
        var y = x * 3 + x;
        foreach (var node in scope.Graph.Nodes)
        {
            Assert.All(node.Parents, p => Assert.True(p.Sequence < node.Sequence));
        }

        Assert.Equal(4, y.Value);
    }

    [Fact]
    public void Nodes_use_reference_identity_and_EqualTo_is_the_traced_value_comparison()
    {
        using var scope = TraceScope.Begin();
        var a = Node.Input(1);
        var b = Node.Input(1);

        Assert.NotEqual<Node>(a, b);
        Assert.DoesNotContain(b, new HashSet<Node> { a });
        var same = a.EqualTo(b);
        Assert.True(same.Value);
        Assert.Equal([a, b], same.Parents);
        Assert.False(a.NotEqualTo(b).Value);
    }

    [Fact]
    public void Operations_outside_a_scope_say_how_to_open_one()
    {
        var error = Assert.Throws<InvalidOperationException>(() => Node.Input(1));
        Assert.Contains("TraceScope.Begin()", error.Message);
    }

    [Fact]
    public void ToString_shows_name_and_value()
    {
        using var scope = TraceScope.Begin();
        Assert.Equal("double_0 = 2.5", Node.Input(2.5).ToString());
    }
}
