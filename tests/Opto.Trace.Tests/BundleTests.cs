namespace Opto.Trace.Tests;

public class BundleTests
{
    private static readonly Operation Scale = new("scale", "Multiplies a reading by the calibration factor.", ["reading"]);

    [Fact]
    public void A_bundle_records_one_node_with_inputs_by_parameter_name_and_its_documentation()
    {
        using var scope = TraceScope.Begin();
        var a = Node.Input(3);
        var b = Node.Input(4);
        var op = new Operation("hypot2", "Sum of squares.", ["a", "b"]);

        var c = Bundle.Invoke(op, a, b, static (x, y) => (x * x) + (y * y));

        Assert.Equal(25, c.Value);
        var message = Assert.IsType<MessageNode<int>>(c);
        Assert.Same(op, message.Operation);
        Assert.Equal(["a", "b"], message.Inputs.Select(i => i.Name));
        Assert.Equal("[hypot2] Sum of squares.", c.Description);
        Assert.Equal("hypot2_0", c.Name);
        Assert.Equal(3, scope.Graph.Count); // the arithmetic inside the body is not traced
    }

    [Fact]
    public void Parameters_read_inside_the_body_become_inputs()
    {
        var factor = new ParameterNode<double>(2.0, "factor", "Calibration factor.");
        using var scope = TraceScope.Begin();
        var reading = Node.Input(10.0);

        var scaled = Bundle.Invoke(Scale, reading, r => r * factor.Value);

        Assert.Equal(20.0, scaled.Value);
        Assert.Equal([reading, factor], scaled.Parents);
        Assert.Equal(["reading", "factor"], scaled.Inputs.Select(i => i.Name));
    }

    [Fact]
    public void A_parameter_read_twice_or_passed_explicitly_is_an_input_once()
    {
        var factor = new ParameterNode<double>(2.0, "factor");
        using var scope = TraceScope.Begin();

        var scaled = Bundle.Invoke(Scale, factor, f => f * factor.Value * factor.Value);

        Assert.Equal(8.0, scaled.Value);
        Assert.Equal([factor], scaled.Parents);
    }

    [Fact]
    public void Reads_outside_a_bundle_are_not_recorded()
    {
        var factor = new ParameterNode<double>(2.0, "factor");
        using var scope = TraceScope.Begin();
        var before = factor.Value;
        var y = Bundle.Invoke(Scale, Node.Input(1.0), r => r * before);
        Assert.Single(y.Parents);
    }

    [Fact]
    public void The_general_form_accepts_any_number_of_inputs()
    {
        using var scope = TraceScope.Begin();
        var xs = Enumerable.Range(1, 5).Select(i => Node.Input(i)).ToArray();
        var op = new Operation("sum5", "Adds five numbers.", ["a", "b", "c", "d", "e"]);

        var sum = Bundle.Invoke(op, xs, () => xs.Sum(x => x.Value));

        Assert.Equal(15, sum.Value);
        Assert.Equal(xs, sum.Parents);
    }

    [Fact]
    public void An_exception_becomes_an_exception_node_whose_feedback_names_the_error_and_the_line()
    {
        // The operation's source is the Divide method below, as the source generator would capture it.
        var lines = File.ReadAllLines(ThisFile());
        var start = Array.FindIndex(lines, l => l.TrimStart().StartsWith("private static int Divide(", StringComparison.Ordinal));
        var op = new Operation("divide", "Divides a by b.", ["a", "b"],
            sourceText: string.Join("\n", lines[start..(start + 4)]), filePath: ThisFile(), line: start + 1);
        using var scope = TraceScope.Begin();
        var a = Node.Input(1);
        var b = Node.Input(0);

        var error = Assert.Throws<TraceExecutionException>(() => Bundle.Invoke(op, a, b, (x, y) =>
            Divide(x, y)));

        var node = error.Node;
        Assert.Equal([a, b], node.Parents);
        Assert.Equal(NodeKind.Exception, node.Kind);
        Assert.Same(op, node.FailedOperation);
        Assert.Equal("exception_divide_0", node.Name);
        Assert.Equal("DivideByZeroException", node.ErrorType);
        Assert.NotNull(node.Location);
        Assert.EndsWith("BundleTests.cs", node.Location!.FilePath);
        Assert.Contains("(DivideByZeroException) Attempted to divide by zero.", node.FeedbackText);
        Assert.Contains("return a / b;   // <-- (DivideByZeroException)", node.FeedbackText);
        Assert.Same(node, scope.Graph.Nodes[^1]);
    }

    [Fact]
    public void An_exception_without_a_message_is_reported_not_hidden()
    {
        // The reference's handler itself fails on an exception with no arguments.
        using var scope = TraceScope.Begin();
        var error = Assert.Throws<TraceExecutionException>(() =>
            Bundle.Invoke(new Operation("boom"), Node.Input(1), new Func<int, int>(_ => throw new CustomError())));
        Assert.Equal("CustomError", error.Node.ErrorType);
        Assert.StartsWith("(CustomError)", error.Node.FeedbackText);
    }

    [Fact]
    public void A_failure_inside_a_nested_traced_call_keeps_the_inner_exception_node()
    {
        using var scope = TraceScope.Begin();
        var x = Node.Input(1);
        var inner = new Operation("inner");
        var outer = new Operation("outer", parameterNames: ["x"]);

        var error = Assert.Throws<TraceExecutionException>(() =>
            Bundle.Invoke(outer, x, v => Bundle.Invoke(inner, x, w => w / (w - 1)).Value));

        Assert.Equal("exception_outer_0", error.Node.Name);
        var innerNode = Assert.IsType<ExceptionNode>(error.Node.Parents[^1]);
        Assert.Equal("exception_inner_0", innerNode.Name);
        Assert.IsType<DivideByZeroException>(error.Node.Error);
        Assert.Contains("DivideByZeroException", error.Node.FeedbackText);
    }

    [Fact]
    public void Cancellation_is_not_turned_into_feedback()
    {
        using var scope = TraceScope.Begin();
        Assert.Throws<OperationCanceledException>(() =>
            Bundle.Invoke(new Operation("cancelled"), Node.Input(1), new Func<int, int>(_ => throw new OperationCanceledException())));
        Assert.Equal(1, scope.Graph.Count);
    }

    [Fact]
    public async Task Async_bundles_trace_like_sync_ones_and_run_in_parallel()
    {
        var prompt = new ParameterNode<string>("Be brief.", "prompt");
        using var scope = TraceScope.Begin();
        var op = new Operation("reply", "Answers a question.", ["question"]);
        var gate = new TaskCompletionSource();
        var started = 0;

        var calls = Enumerable.Range(0, 3).Select(i => Bundle.InvokeAsync(op, Node.Input($"q{i}"), async (q, ct) =>
        {
            if (Interlocked.Increment(ref started) == 3)
            {
                gate.SetResult();
            }

            await gate.Task.WaitAsync(ct); // all three must be running at once to get past this
            return $"{prompt.Value} {q}";
        })).ToArray();
        var replies = await Task.WhenAll(calls);

        Assert.Equal(["Be brief. q0", "Be brief. q1", "Be brief. q2"], replies.Select(r => r.Value));
        Assert.All(replies, r => Assert.Equal(["question", "prompt"], r.Inputs.Select(i => i.Name)));
        Assert.All(replies, r => Assert.Same(prompt, r.Parents[1]));
    }

    [Fact]
    public async Task Async_failures_become_exception_nodes_with_the_right_parents()
    {
        using var scope = TraceScope.Begin();
        var x = Node.Input(5);
        var error = await Assert.ThrowsAsync<TraceExecutionException>(() =>
            Bundle.InvokeAsync<int, int>(new Operation("fetch"), x, async (v, ct) =>
            {
                await Task.Yield();
                throw new InvalidOperationException($"no record {v}");
            }));

        Assert.Equal([x], error.Node.Parents);
        Assert.Contains("(InvalidOperationException) no record 5", error.Node.FeedbackText);
    }

    [Fact]
    public async Task Async_cancellation_propagates()
    {
        using var scope = TraceScope.Begin();
        using var cts = new CancellationTokenSource();
        await cts.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() =>
            Bundle.InvokeAsync<int, int>(new Operation("slow"), Node.Input(1), async (v, ct) =>
            {
                await Task.Delay(Timeout.Infinite, ct);
                return v;
            }, cts.Token));
    }

    [Fact]
    public void A_bundle_body_that_reads_a_parameter_while_paused_adds_no_edges()
    {
        var factor = new ParameterNode<double>(3.0, "factor");
        using var scope = TraceScope.Begin();
        using (TraceScope.Pause())
        {
            var y = Bundle.Invoke(Scale, Node.Input(1.0), r => r * factor.Value);
            Assert.True(y.IsRoot);
            Assert.Equal(3.0, y.Value);
        }
    }

    private static int Divide(int a, int b)
    {
        return a / b;
    }

    private static string ThisFile([System.Runtime.CompilerServices.CallerFilePath] string path = "") => path;

    private sealed class CustomError : Exception
    {
        public CustomError()
            : base(string.Empty)
        {
        }
    }
}
