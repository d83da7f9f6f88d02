namespace Opto.Trace.Tests;

public class BackwardTests
{
    [Fact]
    public void Feedback_reaches_every_parameter_that_influenced_the_output()
    {
        var a = new ParameterNode<double>(1.0, "a");
        var b = new ParameterNode<double>(2.0, "b");
        var unused = new ParameterNode<double>(3.0, "unused");
        using var scope = TraceScope.Begin();
        var y = (a * 2.0) + b;

        var record = y.Backward("y should be 10");

        Assert.Equal("y should be 10", Assert.Single(a.Feedback).Text);
        Assert.Same(record, Assert.Single(b.Feedback));
        Assert.Empty(unused.Feedback);
        Assert.Same(y, record.Output);
        Assert.Same(y, record.Nodes[^1]);
        Assert.Equal(5, record.Nodes.Count); // a, 2.0, a*2, b, y
        Assert.Same(record, Assert.Single(scope.Graph.Feedback));
    }

    [Fact]
    public void Backward_on_y_plus_y_works_where_the_reference_asserts()
    {
        var x = new ParameterNode<int>(3, "x");
        using var scope = TraceScope.Begin();
        var y = x * 2;
        var z = y + y;

        var record = z.Backward("z is too big");

        Assert.Equal(12, z.Value);
        Assert.Equal([y, y], z.Parents);
        Assert.Single(x.Feedback);
        Assert.Equal(4, record.Nodes.Count); // x, 2, y, z — y once
        var view = TraceSubgraph.For(x);
        Assert.Equal(view.Nodes.Count, view.Nodes.Distinct().Count());
    }

    [Fact]
    public void Several_outputs_may_carry_different_feedback_for_a_shared_parameter()
    {
        var prompt = new ParameterNode<string>("Be helpful.", "prompt");
        using var scope = TraceScope.Begin();
        var first = prompt + " Q1";
        var second = prompt + " Q2";

        var records = Backward.Run([(first, "answer 1 was wrong"), (second, "answer 2 was right")]);

        Assert.Equal(2, records.Count);
        Assert.Equal(["answer 1 was wrong", "answer 2 was right"], prompt.Feedback.Select(f => f.Text));
        var view = TraceSubgraph.For(prompt);
        Assert.Equal([first, second], view.Outputs);
        Assert.Equal(2, view.Feedback.Count);
    }

    [Fact]
    public void Separate_backward_calls_with_different_feedback_accumulate_per_output()
    {
        var p = new ParameterNode<double>(1.0, "p");
        using var scope = TraceScope.Begin();
        (p + 1.0).Backward("first is low");
        (p * 3.0).Backward("second is high");

        Assert.Equal(["first is low", "second is high"], p.Feedback.Select(f => f.Text));
    }

    [Fact]
    public void Without_retain_graph_a_second_backward_through_the_same_nodes_is_refused_and_changes_nothing()
    {
        var p = new ParameterNode<double>(1.0, "p");
        using var scope = TraceScope.Begin();
        var shared = p * 2.0;
        var out1 = shared + 1.0;
        var out2 = shared + 2.0;
        out1.Backward("one");

        var error = Assert.Throws<InvalidOperationException>(() => out2.Backward("two"));
        Assert.Contains("retainGraph", error.Message);
        Assert.Contains(shared.Name, error.Message);
        Assert.Single(p.Feedback);
    }

    [Fact]
    public void With_retain_graph_the_same_nodes_may_be_passed_again()
    {
        var p = new ParameterNode<double>(1.0, "p");
        using var scope = TraceScope.Begin();
        var shared = p * 2.0;
        (shared + 1.0).Backward("one", retainGraph: true);
        (shared + 2.0).Backward("two");

        Assert.Equal(2, p.Feedback.Count);
    }

    [Fact]
    public void Zero_feedback_clears_what_a_parameter_gathered()
    {
        var p = new ParameterNode<int>(1, "p");
        using (var scope = TraceScope.Begin())
        {
            (p + 1).Backward("a");
        }

        Assert.Single(p.Feedback);
        p.ZeroFeedback();
        Assert.Empty(p.Feedback);
        Assert.Empty(TraceSubgraph.For(p).Nodes);
    }

    [Fact]
    public void A_parameter_can_take_feedback_directly_even_outside_a_scope()
    {
        var p = new ParameterNode<string>("draft", "text");
        var record = p.Backward("make it shorter");
        Assert.Equal([p], record.Nodes);
        Assert.Same(record, Assert.Single(p.Feedback));
    }

    [Fact]
    public void Feedback_on_an_exception_node_reaches_the_inputs_of_the_failed_operation()
    {
        var divisor = new ParameterNode<int>(0, "divisor");
        using var scope = TraceScope.Begin();
        var error = Assert.Throws<TraceExecutionException>(() => Node.Input(10) / divisor);

        error.Node.Backward(error.Node.FeedbackText);

        Assert.Contains("DivideByZeroException", Assert.Single(divisor.Feedback).Text);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("   ")]
    public void Null_or_empty_feedback_is_refused_with_a_clear_message(string? feedback)
    {
        var p = new ParameterNode<int>(1, "p");
        using var scope = TraceScope.Begin();
        var y = p + 1;

        var error = Assert.ThrowsAny<ArgumentException>(() => y.Backward(feedback!));
        Assert.Contains(y.Name, error.Message);
        Assert.Empty(p.Feedback);
        y.Backward("now it is fine"); // the refused call consumed nothing
        Assert.Single(p.Feedback);
    }

    [Fact]
    public void Backward_after_the_scope_ended_is_refused()
    {
        var p = new ParameterNode<int>(1, "p");
        Node<int> y;
        using (TraceScope.Begin())
        {
            y = p + 1;
        }

        var error = Assert.Throws<InvalidOperationException>(() => y.Backward("late"));
        Assert.Contains("ended", error.Message);
        Assert.Empty(p.Feedback);
    }

    [Fact]
    public void Backward_from_an_unrelated_scope_is_refused()
    {
        Node<int> foreign = null!;
        var thread = new Thread(() =>
        {
            var other = TraceScope.Begin();
            foreign = Node.Input(1) + 1;
        });
        thread.Start();
        thread.Join();

        using var scope = TraceScope.Begin();
        var error = Assert.Throws<InvalidOperationException>(() => foreign.Backward("nope"));
        Assert.Contains("another trace scope", error.Message);
    }

    [Fact]
    public void The_same_output_twice_in_one_call_is_refused()
    {
        using var scope = TraceScope.Begin();
        var y = Node.Input(1) + 1;
        Assert.Throws<ArgumentException>(() => Backward.Run([(y, "a"), (y, "b")]));
    }

    [Fact]
    public void A_million_node_chain_needs_no_recursion()
    {
        var p = new ParameterNode<double>(0.0, "p");
        using var scope = TraceScope.Begin();
        Node<double> y = p;
        var identity = new Operation("step", "Adds one.", ["x"]);
        for (var i = 0; i < 1_000_000; i++)
        {
            y = Bundle.Invoke(identity, y, static v => v + 1);
        }

        var record = y.Backward("the end is far away");

        Assert.Equal(1_000_001, record.Nodes.Count);
        Assert.Same(p, record.Nodes[0]);
        var view = TraceSubgraph.For(p);
        Assert.Equal(1_000_001, view.Nodes.Count);
        Assert.Equal(1_000_000.0, y.Value);
    }
}

public class DependencyTests
{
    [Fact]
    public void Parameter_dependencies_are_the_parameters_among_the_ancestors()
    {
        var a = new ParameterNode<int>(1, "a");
        var b = new ParameterNode<int>(2, "b");
        var fixedOne = new ParameterNode<int>(3, "fixed", trainable: false);
        using var scope = TraceScope.Begin();
        var x = Node.Input(4);

        Assert.Empty((x * 2).ParameterDependencies());
        Assert.Equal([a], (a + x).ParameterDependencies());
        Assert.Equal([a, b, fixedOne], ((a + b) * fixedOne).ParameterDependencies());
        Assert.Equal([b], ((b + x) * (b - x)).ParameterDependencies());
        Assert.Equal([a], a.ParameterDependencies());
    }
}
