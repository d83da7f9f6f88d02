namespace Opto.Trace.Code;

/// <summary>
/// Compiles, loads and runs one small throwaway method on a background thread, once per process, so that the first
/// body an optimizer proposes finds Roslyn's code already compiled by the JIT. Roslyn ships as IL (the build makes it
/// ReadyToRun where it can, see build/RoslynReadyToRun.targets, which halves the cost), so the first compilation in a
/// process spends most of its time in the JIT; later ones take milliseconds. A model is typically created, run and
/// judged before an optimizer proposes anything, which leaves that time free.
/// </summary>
/// <remarks>
/// A real compile that arrives while the warm-up is still running calls <see cref="StepAside"/>: the warm-up is
/// cancelled (Roslyn checks the token often) and the real compile goes ahead at once, finding whatever the JIT has
/// compiled so far. It never waits for the warm-up, so it is never slower than it would have been without one, and
/// the two never compete for long.
/// </remarks>
internal sealed class CompilerWarmUp : IDisposable
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

    private readonly Action<CancellationToken> _work;
    private readonly Lock _gate = new();
    private readonly CancellationTokenSource _stop = new();
    private Task? _task;
    private Thread? _thread;

    /// <summary>A warm-up that runs <paramref name="work"/>; the process-wide one runs <see cref="CompileAndRunSample"/>.</summary>
    internal CompilerWarmUp(Action<CancellationToken> work) => _work = work;

    /// <summary>The process-wide warm-up.</summary>
    public static CompilerWarmUp Default { get; } = new(CompileAndRunSample);

    /// <summary>Whether a real compile cut this warm-up short.</summary>
    public bool SteppedAside => _stop.IsCancellationRequested;

    /// <summary>The warm-up's task: started by the first call, then the same task (also when it has finished).</summary>
    public Task Start()
    {
        lock (_gate)
        {
            if (_task is not null)
            {
                return _task;
            }

            var done = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            // A thread of its own rather than the thread pool, so that the pool's threads stay with the application's
            // work and the warm-up never waits for one to become free.
            var thread = new Thread(() => Run(done))
            {
                IsBackground = true,
                Name = "Opto.Trace.Code warm-up",
                Priority = ThreadPriority.BelowNormal,
            };
            _thread = thread;
            _task = done.Task;
            thread.Start();
            return _task;
        }
    }

    /// <summary>
    /// Called by every real compile: cancels the warm-up when it is still running (and this is not its own thread),
    /// without waiting for it to notice.
    /// </summary>
    public void StepAside()
    {
        var task = Volatile.Read(ref _task);
        if (task is { IsCompleted: false } && !ReferenceEquals(Thread.CurrentThread, Volatile.Read(ref _thread)))
        {
            _stop.Cancel();
        }
    }

    /// <summary>Releases the cancellation source (the process-wide warm-up lives as long as the process).</summary>
    public void Dispose() => _stop.Dispose();

    private void Run(TaskCompletionSource done)
    {
        try
        {
            _work(_stop.Token);
        }
#pragma warning disable CA1031 // A failed or cancelled warm-up only means the first real compile does more JIT work; that compile reports any real problem.
        catch (Exception)
#pragma warning restore CA1031
        {
        }
        finally
        {
            done.SetResult();
        }
    }

    private static void CompileAndRunSample(CancellationToken cancellationToken)
    {
        // A pipeline of its own: nothing lands in any compiler's cache or statistics.
        var pipeline = new CompilationPipeline(new CodeCompilerOptions());
        var shape = DelegateShape.Of(typeof(Func<string, int>));
        var outcome = pipeline.Compile<Func<string, int>>(Source, "WarmUp", shape, CodeCompiler.Hash(Source, "WarmUp", shape.DelegateType), cancellationToken);
        if (outcome.Code is { } code && !cancellationToken.IsCancellationRequested)
        {
            try
            {
                var method = new CompiledMethod<Func<string, int>>(code);
                method.Run(f => f("warm up the compiler"), CodeExecutionOptions.Default, cancellationToken);
            }
            finally
            {
                code.Unload();
            }
        }
    }
}
