namespace Opto.Trace.Code.Tests;

public class BudgetTests
{
    private static readonly CodeCompiler Compiler = new();

    public static TheoryData<string, string> RunawayLoops => new()
    {
        { "while (true) {}", "int Run(int x) { while (true) { } }" },
        { "for (;;);", "int Run(int x) { for (;;) ; }" },
        { "do while", "int Run(int x) { do { x++; } while (x != 0 || true); return x; }" },
        { "foreach over an endless iterator", "static IEnumerable<int> Forever() { while (true) yield return 1; }\nint Run(int x) { foreach (var i in Forever()) x += i; return x; }" },
        { "LINQ over an endless iterator", "static IEnumerable<int> Forever() { var i = 0; while (true) yield return i++; }\nint Run(int x) => Forever().Count();" },
        { "goto loop", "int Run(int x) { again: x++; goto again; }" },
        { "catching its own stop", "int Run(int x) { while (true) { try { while (true) { x++; } } catch (Exception) { x--; } } }" },
        { "catching in a finally", "int Run(int x) { while (true) { try { x++; } finally { x--; } } }" },
        { "in a static initializer", "static readonly int Slow = Spin();\nstatic int Spin() { while (true) { } }\nint Run(int x) => Slow + x;" },
    };

    public static TheoryData<string, string> RunawayRecursion => new()
    {
        { "direct", "int Run(int x) => Run(x + 1);" },
        { "mutual", "int Ping(int x) => Pong(x) + 1;\nint Pong(int x) => Ping(x) + 1;\nint Run(int x) => Ping(x);" },
        { "through a lambda", "int Run(int x) { Func<int, int> f = null; f = y => f(y + 1); return f(x); }" },
        { "through a property", "int Loop => Loop + 1;\nint Run(int x) => Loop;" },
        { "through a local function", "int Run(int x) { int Deeper(int y) => Deeper(y + 1); return Deeper(x); }" },
        { "swallowing its own stop", "int Run(int x) { try { return Run(x + 1); } catch { return Run(x + 2); } }" },
    };

    [Theory]
    [MemberData(nameof(RunawayLoops))]
    public void Runaway_loops_are_stopped_by_the_timeout(string name, string source)
    {
        var method = Compiler.Compile<Func<int, int>>(source, "Run");

        var (error, elapsed) = TestCode.Fails(() => method.Run(f => f(1), TestCode.OneSecond));

        var timeout = Assert.IsType<CodeTimeoutException>(error);
        Assert.False(timeout.Abandoned, name);
        Assert.True(elapsed < TestCode.StopsWithin, $"{name} took {elapsed}");
    }

    [Theory]
    [MemberData(nameof(RunawayRecursion))]
    public void Runaway_recursion_is_stopped_before_the_stack_overflows(string name, string source)
    {
        var method = Compiler.Compile<Func<int, int>>(source, "Run");
        var depthNotTime = new CodeExecutionOptions { Timeout = TimeSpan.FromSeconds(30) }; // the depth limit must be what stops it

        var (error, elapsed) = TestCode.Fails(() => method.Run(f => f(1), depthNotTime));

        Assert.IsType<CodeCallDepthException>(error);
        Assert.True(elapsed < TestCode.StopsWithin, $"{name} took {elapsed}");
    }

    [Fact]
    public void The_depth_limit_is_configurable_and_legitimate_recursion_runs()
    {
        var depth = Compiler.Compile<Func<int, int>>("int Depth(int n) => n == 0 ? 0 : 1 + Depth(n - 1);", "Depth");

        Assert.Equal(1_500, depth.Run(f => f(1_500)));
        var error = Assert.Throws<CodeCallDepthException>(() => depth.Run(f => f(1_500), new CodeExecutionOptions { MaxCallDepth = 100 }));
        Assert.Equal(100, error.Depth);
        Assert.Contains("stopped after 100 nested calls", error.Message);
    }

    [Fact]
    public void A_cancelled_token_stops_the_code()
    {
        var method = Compiler.Compile<Func<int, int>>("int Run(int x) { while (true) { x++; } }", "Run");
        using var cancel = new CancellationTokenSource(TimeSpan.FromMilliseconds(200));

        var (error, elapsed) = TestCode.Fails(() => method.Run(f => f(1), new CodeExecutionOptions { Timeout = TimeSpan.FromMinutes(5) }, cancel.Token));

        Assert.IsAssignableFrom<OperationCanceledException>(error);
        Assert.True(elapsed < TestCode.StopsWithin, $"took {elapsed}");
    }

    [Fact]
    public void An_already_cancelled_token_runs_nothing()
    {
        var method = Compiler.Compile<Func<int, int>>("int Run(int x) => x;", "Run");
        using var cancel = new CancellationTokenSource();
        cancel.Cancel();

        Assert.Throws<OperationCanceledException>(() => method.Run(f => f(1), cancellationToken: cancel.Token));
    }

    [Fact]
    public async Task Asynchronous_code_is_stopped_after_an_await_too()
    {
        var method = Compiler.Compile<Func<int, Task<int>>>("async Task<int> Run(int x) { await Task.Yield(); while (true) { x++; } }", "Run");

        var clock = System.Diagnostics.Stopwatch.StartNew();
        await Assert.ThrowsAsync<CodeTimeoutException>(() => method.RunAsync(f => f(1), TestCode.OneSecond));
        Assert.True(clock.Elapsed < TestCode.StopsWithin, $"took {clock.Elapsed}");
    }

    [Fact]
    public void Code_blocked_inside_a_library_call_is_abandoned_and_the_caller_gets_control_back()
    {
        // The default policy refuses blocking waits; this policy lets one through to exercise the last line of defence.
        using var compiler = new CodeCompiler(new CodeCompilerOptions
        {
            Policy = SandboxPolicy.Default.AllowType("System.Runtime.CompilerServices.TaskAwaiter"),
        });
        var method = compiler.Compile<Func<int, int>>("int Run(int x) { Task.Delay(3_000).GetAwaiter().GetResult(); return x; }", "Run");
        var limits = new CodeExecutionOptions { Timeout = TimeSpan.FromMilliseconds(300), StopGracePeriod = TimeSpan.FromMilliseconds(200) };

        var abandonedBefore = CodeRunner.AbandonedThreads;

        var (error, elapsed) = TestCode.Fails(() => method.Run(f => f(1), limits));

        var timeout = Assert.IsType<CodeTimeoutException>(error);
        Assert.True(timeout.Abandoned);
        Assert.True(CodeRunner.AbandonedThreads > abandonedBefore);
        Assert.Contains("abandoned", timeout.Message);
        Assert.True(elapsed < TestCode.StopsWithin, $"took {elapsed}");
    }

    [Fact]
    public void A_stopped_run_leaves_nothing_behind_for_the_next_runs_on_the_same_threads()
    {
        var method = Compiler.Compile<Func<int, int>>("int Run(int x) { while (x > 0) { } return x; }", "Run");
        var limits = new CodeExecutionOptions { Timeout = TimeSpan.FromSeconds(1) };

        for (var i = 0; i < 3; i++)
        {
            Assert.Throws<CodeTimeoutException>(() => method.Run(f => f(1), limits));
            Assert.Equal(0, method.Run(f => f(0), limits));
        }
    }

    [Fact]
    public void Code_that_finishes_is_not_affected_by_the_budget()
    {
        var method = Compiler.Compile<Func<int, long>>("long Sum(int n) { long s = 0; for (var i = 0; i < n; i++) s += i; return s; }", "Sum");

        Assert.Equal(499_999_500_000L, method.Run(f => f(1_000_000)));
    }
}
