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
        // Whether or not the warm-up is still running, a compile waits for it at most and then compiles normally.
        using var compiler = new CodeCompiler();
        _ = CodeCompiler.StartWarmUp();

        var method = compiler.Compile<Func<string, int>>("int Length(string s) => s.Length;", "Length");

        Assert.Equal(3, method.Run(f => f("abc")));
    }
}
