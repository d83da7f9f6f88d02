namespace Opto.Trace.Code.Tests;

public class WarmUpTests
{
    [Fact]
    public async Task The_warm_up_runs_once_and_leaves_no_trace_in_any_compiler()
    {
        using var compiler = new CodeCompiler();

        var warmUp = CodeCompiler.StartWarmUp();
        await warmUp.WaitAsync(TimeSpan.FromMinutes(2));

        Assert.Same(warmUp, CodeCompiler.StartWarmUp());
        Assert.True(warmUp.IsCompletedSuccessfully);
        Assert.Equal(new CodeCompilerStatistics(0, 0, 0, 0), compiler.Statistics);
        Assert.Equal(5, compiler.Compile<Func<int, int, int>>("int Add(int a, int b) => a + b;", "Add").Run(f => f(2, 3)));
    }

    [Fact]
    public void A_compile_during_the_warm_up_still_succeeds()
    {
        // Whether or not the warm-up is still running, a compile cancels it at most and then compiles normally.
        using var compiler = new CodeCompiler();
        _ = CodeCompiler.StartWarmUp();

        var method = compiler.Compile<Func<string, int>>("int Length(string s) => s.Length;", "Length");

        Assert.Equal(3, method.Run(f => f("abc")));
    }

    [Fact]
    public async Task A_compile_that_arrives_during_the_warm_up_cancels_it_instead_of_waiting_for_it()
    {
        using var running = new ManualResetEventSlim();
        using var warmUp = new CompilerWarmUp(token =>
        {
            running.Set();
            // Stands for Roslyn's work: it only ends early when the token is cancelled.
            token.WaitHandle.WaitOne(TimeSpan.FromMinutes(2));
            token.ThrowIfCancellationRequested();
        });

        var task = warmUp.Start();
        Assert.True(running.Wait(TimeSpan.FromMinutes(1)));
        warmUp.StepAside();

        await task.WaitAsync(TimeSpan.FromSeconds(30));
        Assert.True(warmUp.SteppedAside);
        Assert.True(task.IsCompletedSuccessfully);
    }

    [Fact]
    public async Task A_finished_warm_up_is_left_alone()
    {
        using var warmUp = new CompilerWarmUp(_ => { });
        await warmUp.Start().WaitAsync(TimeSpan.FromSeconds(30));

        warmUp.StepAside();

        Assert.False(warmUp.SteppedAside);
    }

    [Fact]
    public void The_pipeline_stops_when_its_token_is_cancelled()
    {
        var pipeline = new CompilationPipeline(new CodeCompilerOptions());
        var shape = DelegateShape.Of(typeof(Func<int, int>));
        const string Source = "int Twice(int x) => x * 2;";
        using var cancelled = new CancellationTokenSource();
        cancelled.Cancel();

        Assert.ThrowsAny<OperationCanceledException>(() =>
            pipeline.Compile<Func<int, int>>(Source, "Twice", shape, CodeCompiler.Hash(Source, "Twice", shape.DelegateType), cancelled.Token));
    }
}
