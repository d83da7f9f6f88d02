namespace Opto.Trace.Code;

/// <summary>
/// Compiles, loads and runs one small throwaway method on a background thread, once per process, so that the first
/// body an optimizer proposes finds Roslyn's code already compiled by the JIT. Roslyn ships as IL (the NuGet package
/// is not ReadyToRun), so the first compilation in a process spends well over a second in the JIT; later ones take
/// milliseconds. A model is typically created, run and judged before an optimizer proposes anything, which leaves
/// that second free.
/// </summary>
internal static class CompilerWarmUp
{
    /// <summary>
    /// The throwaway method: a loop, a lambda, LINQ, string interpolation, a local function and a try/catch, so that the
    /// binder, the sandbox walk, the guard injector and the emitter all meet the common shapes of real bodies.
    /// </summary>
    private const string Source = """
        int WarmUp(string text)
        {
            var total = 0;
            foreach (var word in text.Split(' ').Where(w => w.Length > 1).Select(w => w.ToUpperInvariant()))
            {
                total += Weight(word);
            }

            for (var i = 0; i < 2; i++)
            {
                try
                {
                    total += int.Parse($"{i}", System.Globalization.CultureInfo.InvariantCulture);
                }
                catch (FormatException)
                {
                    total--;
                }
            }

            return total;

            static int Weight(string word) => word.Length;
        }
        """;

    private static readonly Lock Gate = new();
    private static Task? s_task;
    private static Thread? s_thread;

    /// <summary>The warm-up's task: started by the first call, then the same task (also when it has finished).</summary>
    public static Task Start()
    {
        lock (Gate)
        {
            if (s_task is not null)
            {
                return s_task;
            }

            var done = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            // A thread of its own rather than the thread pool: a compile that waits for the warm-up must never wait
            // for a pool thread to become free, and the pool's threads stay with the application's work.
            var thread = new Thread(() => Run(done))
            {
                IsBackground = true,
                Name = "Opto.Trace.Code warm-up",
                Priority = ThreadPriority.BelowNormal,
            };
            s_thread = thread;
            s_task = done.Task;
            thread.Start();
            return s_task;
        }
    }

    /// <summary>
    /// Waits while a warm-up is still running (not on the warm-up's own thread). Compiling alongside it would make two
    /// threads JIT the same methods at once, which on a small or busy machine is slower than letting it finish.
    /// </summary>
    public static void WaitIfRunning()
    {
        var task = Volatile.Read(ref s_task);
        if (task is { IsCompleted: false } && !ReferenceEquals(Thread.CurrentThread, Volatile.Read(ref s_thread)))
        {
            task.Wait();
        }
    }

    private static void Run(TaskCompletionSource done)
    {
        try
        {
            // A pipeline of its own: nothing lands in any compiler's cache or statistics.
            var pipeline = new CompilationPipeline(new CodeCompilerOptions());
            var shape = DelegateShape.Of(typeof(Func<string, int>));
            var outcome = pipeline.Compile<Func<string, int>>(Source, "WarmUp", shape, CodeCompiler.Hash(Source, "WarmUp", shape.DelegateType));
            if (outcome.Code is { } code)
            {
                try
                {
                    var method = new CompiledMethod<Func<string, int>>(code);
                    method.Run(f => f("warm up the compiler"), CodeExecutionOptions.Default);
                }
                finally
                {
                    code.Unload();
                }
            }
        }
#pragma warning disable CA1031 // A failed warm-up only means the first real compile is slow; that compile reports any real problem.
        catch (Exception)
#pragma warning restore CA1031
        {
        }
        finally
        {
            done.SetResult();
        }
    }
}
