using System.Runtime.CompilerServices;

namespace Opto.Trace.Code.Tests;

public class CacheTests
{
    private const string AddSource = "int Add(int a, int b) => a + b;";

    [Fact]
    public void The_same_text_compiles_once()
    {
        using var compiler = new CodeCompiler();

        var first = compiler.Compile<Func<int, int, int>>(AddSource, "Add");
        var second = compiler.Compile<Func<int, int, int>>(AddSource, "Add");

        Assert.Equal(new CodeCompilerStatistics(Compilations: 1, CacheHits: 1, Evictions: 0, Cached: 1), compiler.Statistics);
        Assert.Equal(first.Hash, second.Hash);
        Assert.Equal(5, second.Run(f => f(2, 3)));
    }

    [Fact]
    public void Another_text_or_another_signature_compiles_again()
    {
        using var compiler = new CodeCompiler();

        const string name = "string Name(object o) => o.ToString();";
        compiler.Compile<Func<object, string>>(name, "Name");
        compiler.Compile<Func<object, string>>(name + " // changed", "Name");
        compiler.Compile<Func<string, object>>(name, "Name"); // variance: the same text fits another signature

        Assert.Equal(3, compiler.Statistics.Compilations);
        Assert.Equal(0, compiler.Statistics.CacheHits);
    }

    [Fact]
    public void Broken_text_is_cached_too()
    {
        using var compiler = new CodeCompiler();

        Assert.False(compiler.TryCompile<Func<int>>("int One() => ;", "One", out _, out var first));
        Assert.False(compiler.TryCompile<Func<int>>("int One() => ;", "One", out _, out var second));

        Assert.Equal(1, compiler.Statistics.Compilations);
        Assert.Equal(first, second);
    }

    [Fact]
    public void Concurrent_requests_for_the_same_text_compile_once()
    {
        using var compiler = new CodeCompiler();

        Parallel.For(0, 8, _ => compiler.Compile<Func<int, int, int>>(AddSource, "Add"));

        Assert.Equal(1, compiler.Statistics.Compilations);
        Assert.Equal(7, compiler.Statistics.CacheHits);
    }

    [Fact]
    public void Evicted_code_is_unloaded_and_its_load_context_collected()
    {
        using var compiler = new CodeCompiler(new CodeCompilerOptions { CacheCapacity = 1 });
        var context = CompileRunAndForget(compiler, "int Add(int a, int b) => a + b + 0;");

        compiler.Compile<Func<int, int, int>>(AddSource, "Add"); // pushes the first entry out

        Assert.Equal(1, compiler.Statistics.Evictions);
        Assert.True(WaitUntilCollected(context), "the evicted load context was not collected");
    }

    [Fact]
    public void ClearCache_unloads_everything()
    {
        using var compiler = new CodeCompiler();
        var context = CompileRunAndForget(compiler, "int Add(int a, int b) => a + b + 1;");

        compiler.ClearCache();

        Assert.Equal(0, compiler.Statistics.Cached);
        Assert.True(WaitUntilCollected(context), "the cleared load context was not collected");
    }

    [Fact]
    public void Evicted_code_still_runs_while_someone_holds_it()
    {
        using var compiler = new CodeCompiler(new CodeCompilerOptions { CacheCapacity = 1 });
        var held = compiler.Compile<Func<int, int, int>>("int Add(int a, int b) => a + b + 2;", "Add");

        compiler.Compile<Func<int, int, int>>(AddSource, "Add");

        Assert.True(held.IsUnloaded);
        Assert.Equal(7, held.Run(f => f(2, 3)));
    }

    [Fact]
    public void A_disposed_compiler_refuses_work()
    {
        var compiler = new CodeCompiler();
        compiler.Dispose();

        Assert.Throws<ObjectDisposedException>(() => compiler.Compile<Func<int, int, int>>(AddSource, "Add"));
    }

    // Kept out of line so that no local of the caller keeps the compiled code reachable.
    [MethodImpl(MethodImplOptions.NoInlining)]
    private static WeakReference CompileRunAndForget(CodeCompiler compiler, string source)
    {
        var method = compiler.Compile<Func<int, int, int>>(source, "Add");
        Assert.True(method.Run(f => f(2, 3)) >= 5);
        return method.Code.LoadContext;
    }

    private static bool WaitUntilCollected(WeakReference reference)
    {
        for (var i = 0; i < 50 && reference.IsAlive; i++)
        {
            GC.Collect();
            GC.WaitForPendingFinalizers();
            if (reference.IsAlive)
            {
                Thread.Sleep(20);
            }
        }

        return !reference.IsAlive;
    }
}
