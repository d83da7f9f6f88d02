namespace Opto.Trace.Code.Tests;

public class TrainableMethodTests
{
    [Fact]
    public void A_traced_call_records_the_arguments_and_the_code_as_inputs()
    {
        var add = new TrainableMethod<Func<int, int, int>>("int Add(int a, int b) => a + b;", "Add",
            new TrainableMethodOptions { Documentation = "Adds two numbers." });
        using var scope = TraceScope.Begin();
        var a = Node.Input(2, "a");
        var b = Node.Input(3, "b");

        var sum = add.Invoke(a, b);

        Assert.Equal(5, sum.Value);
        var message = Assert.IsType<MessageNode<int>>(sum);
        Assert.Equal("Add", message.Operation.Name);
        Assert.Equal("[Add] Adds two numbers.", message.Description);
        Assert.Equal(["a", "b", "Add"], message.Inputs.Select(i => i.Name));
        Assert.Same(add.Code, message.Inputs[2].Node);

        sum.Backward("the sum should be larger");
        Assert.Equal("the sum should be larger", Assert.Single(add.Code.Feedback).Text);
    }

    [Fact]
    public void The_code_parameter_tells_the_optimizer_what_to_keep()
    {
        var add = new TrainableMethod<Func<int, int, int>>("int Add(int a, int b) => a + b;", "Add");

        Assert.Equal("Add", add.Code.Name);
        Assert.Equal("int Add(int, int)", add.Signature);
        Assert.Contains("int Add(int, int)", add.Code.Constraints.Text);
        Assert.Contains("sandbox", add.Code.Constraints.Text);
    }

    [Fact]
    public void Hot_swap_runs_the_new_body_on_the_next_call()
    {
        var add = new TrainableMethod<Func<int, int, int>>("int Add(int a, int b) => a - b;", "Add");
        Assert.Equal(-1, add.Call(2, 3));

        add.Code.Value = "int Add(int a, int b) => a + b;"; // what an optimizer does
        Assert.Equal(5, add.Call(2, 3));

        using var scope = TraceScope.Begin();
        Assert.Equal(5, add.Invoke(Node.Input(2), Node.Input(3)).Value);
    }

    [Fact]
    public void Each_version_compiles_once_however_often_it_is_called()
    {
        using var compiler = new CodeCompiler();
        var add = new TrainableMethod<Func<int, int, int>>("int Add(int a, int b) => a - b;", "Add", new TrainableMethodOptions { Compiler = compiler });

        for (var i = 0; i < 3; i++)
        {
            add.Call(i, 1);
        }

        add.Code.Value = "int Add(int a, int b) => a + b;";
        for (var i = 0; i < 3; i++)
        {
            add.Call(i, 1);
        }

        Assert.Equal(2, compiler.Statistics.Compilations);
        Assert.Equal(4, compiler.Statistics.CacheHits);
    }

    [Fact]
    public void A_compile_error_becomes_feedback_that_quotes_the_line_never_a_crash()
    {
        var add = new TrainableMethod<Func<int, int, int>>("""
            int Add(int a, int b)
            {
                return a + ;
            }
            """, "Add");
        using var scope = TraceScope.Begin();

        var error = Assert.Throws<TraceExecutionException>(() => add.Invoke(Node.Input(2), Node.Input(3)));

        Assert.Contains("    return a + ;   // <-- CS1525: Invalid expression term ';'", error.Node.FeedbackText);
        Assert.Contains(add.Code, error.Node.Parents);
        Assert.IsType<CodeCompilationException>(error.Node.Error);

        error.Node.Backward(error.Node.FeedbackText);
        Assert.Contains("CS1525", Assert.Single(add.Code.Feedback).Text);
    }

    [Fact]
    public void A_sandbox_violation_becomes_feedback()
    {
        var read = new TrainableMethod<Func<string, string>>("string Read(string path) => System.IO.File.ReadAllText(path);", "Read");
        using var scope = TraceScope.Begin();

        var error = Assert.Throws<TraceExecutionException>(() => read.Invoke(Node.Input("/etc/passwd")));

        Assert.Contains("string Read(string path) => System.IO.File.ReadAllText(path);   // <-- SANDBOX: 'System.IO.File' is not allowed: file system access",
            error.Node.FeedbackText);
        Assert.True(((CodeCompilationException)error.Node.Error).IsSandboxViolation);
    }

    [Fact]
    public void An_exception_in_the_code_is_feedback_that_points_at_the_failing_line()
    {
        var ratio = new TrainableMethod<Func<int, int, int>>("""
            int Ratio(int a, int b)
            {
                var scaled = a * 100;
                return scaled / b;
            }
            """, "Ratio");
        using var scope = TraceScope.Begin();

        var error = Assert.Throws<TraceExecutionException>(() => ratio.Invoke(Node.Input(1), Node.Input(0)));

        Assert.Equal("DivideByZeroException", error.Node.ErrorType);
        Assert.Contains("    return scaled / b;   // <-- (DivideByZeroException)", error.Node.FeedbackText);
        Assert.Equal(4, error.Node.Location?.Line);
    }

    [Fact]
    public void A_timeout_becomes_feedback_that_points_at_the_loop()
    {
        var spin = new TrainableMethod<Func<int, int>>("""
            int Spin(int x)
            {
                while (true) { x++; }
            }
            """, "Spin", new TrainableMethodOptions { Execution = TestCode.OneSecond });
        using var scope = TraceScope.Begin();

        var (error, elapsed) = TestCode.Fails(() => spin.Invoke(Node.Input(0)));

        var traced = Assert.IsType<TraceExecutionException>(error);
        Assert.IsType<CodeTimeoutException>(traced.Node.Error);
        Assert.Contains("stopped after 1 s: the code did not finish (infinite loop?)", traced.Node.FeedbackText);
        Assert.Contains("    while (true) { x++; }   // <-- (CodeTimeoutException)", traced.Node.FeedbackText);
        Assert.True(elapsed < TestCode.StopsWithin, $"took {elapsed}");
    }

    [Fact]
    public void Cancellation_propagates_and_is_not_feedback()
    {
        var spin = new TrainableMethod<Func<int, int>>("int Spin(int x) { while (true) { } }", "Spin",
            new TrainableMethodOptions { Execution = new CodeExecutionOptions { Timeout = TimeSpan.FromMinutes(5) } });
        using var cancel = new CancellationTokenSource(TimeSpan.FromMilliseconds(200));
        using var scope = TraceScope.Begin();

        var (error, elapsed) = TestCode.Fails(() => spin.Invoke(Node.Input(0), cancel.Token));

        Assert.IsAssignableFrom<OperationCanceledException>(error);
        Assert.True(elapsed < TestCode.StopsWithin, $"took {elapsed}");
    }

    [Fact]
    public void A_plain_call_throws_the_underlying_exceptions()
    {
        var broken = new TrainableMethod<Func<int>>("int One() => ;", "One");
        Assert.Throws<CodeCompilationException>(() => broken.Call());

        var spin = new TrainableMethod<Func<int>>("int One() { for (;;) { } }", "One", new TrainableMethodOptions { Execution = TestCode.OneSecond });
        Assert.Throws<CodeTimeoutException>(() => spin.Call());
    }

    [Fact]
    public async Task Asynchronous_methods_are_traced_too()
    {
        var shout = new TrainableMethod<Func<string, Task<string>>>("""
            async Task<string> Shout(string text)
            {
                await Task.Yield();
                return text.ToUpperInvariant() + "!";
            }
            """, "Shout");
        using var scope = TraceScope.Begin();

        var result = await shout.InvokeAsync(Node.Input("hi"));

        Assert.Equal("HI!", result.Value);
        Assert.Contains(shout.Code, result.Parents);
        Assert.Equal("HI!", await shout.CallAsync("hi"));
    }

    [Fact]
    public async Task Asynchronous_failures_are_feedback_as_well()
    {
        var shout = new TrainableMethod<Func<string, Task<string>>>("async Task<string> Shout(string text) => text.Missing();", "Shout");
        using var scope = TraceScope.Begin();

        var error = await Assert.ThrowsAsync<TraceExecutionException>(() => shout.InvokeAsync(Node.Input("hi")));

        Assert.Contains("CS1061", error.Node.FeedbackText);
    }

    [Fact]
    public void A_code_parameter_from_elsewhere_can_be_wrapped()
    {
        var code = CodeParameter.Create<Func<int, int>>("int Twice(int x) => x * 2;", "Twice", name: "agent.twice");
        var twice = new TrainableMethod<Func<int, int>>(code, "Twice");

        Assert.Equal(8, twice.Call(4));
        Assert.Equal("agent.twice", twice.Code.Name);
    }

    [Fact]
    public void Methods_of_several_arities_can_be_invoked()
    {
        using var scope = TraceScope.Begin();
        Assert.Equal(7, new TrainableMethod<Func<int>>("int Seven() => 7;", "Seven").Invoke().Value);
        Assert.Equal(10, new TrainableMethod<Func<int, int, int, int, int>>("int Sum(int a, int b, int c, int d) => a + b + c + d;", "Sum")
            .Invoke(Node.Input(1), Node.Input(2), Node.Input(3), Node.Input(4)).Value);
        Assert.Equal(2.0, new TrainableMethod<Func<Point, double>>("double X(Point p) => p.X;", "X").Call(new Point(2, 3)));
    }

    [Fact]
    public void A_code_parameter_is_marked_as_code_and_carries_extra_rules()
    {
        var code = CodeParameter.Create<Func<int, int>>("int Twice(int x) => x * 2;", "Twice", rules: "Never return a negative number.");

        Assert.True(code.IsCode);
        Assert.Contains("int Twice(int)", code.Constraints.Text);
        Assert.EndsWith("Never return a negative number.", code.Constraints.Text, StringComparison.Ordinal);
    }

    [Fact]
    public void HasSource_compares_the_current_source_and_follows_changes()
    {
        const string Original = "int Twice(int x) => x * 2;";
        var twice = new TrainableMethod<Func<int, int>>(Original, "Twice");

        Assert.True(twice.HasSource(Original));
        Assert.True(twice.HasSource(Original));
        Assert.False(twice.HasSource("int Twice(int x) => x + x;"));

        twice.Code.Value = "int Twice(int x) => x + x;";
        Assert.False(twice.HasSource(Original));

        // The same text again (a new string, as a loaded file gives it): a new version, but still the original.
        twice.Code.Value = new string(Original.AsSpan());
        Assert.True(twice.HasSource(Original));
    }
}
