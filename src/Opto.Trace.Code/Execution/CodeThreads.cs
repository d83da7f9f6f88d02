using System.Collections.Concurrent;
using System.Runtime.CompilerServices;

namespace Opto.Trace.Code;

/// <summary>
/// Dedicated background threads that run trainable code, kept for reuse because starting a thread costs more than
/// a typical call. A thread whose code is abandoned (stuck past its grace period) is simply not available until
/// the code ends; a new thread is started whenever none is idle. Each item runs in the caller's execution context,
/// so ambient state (the trace scope, the budget) flows in and nothing an item sets leaks into the next.
/// </summary>
internal sealed class CodeThreads
{
    private const int MaxIdlePerStackSize = 4;

    private static readonly ConcurrentDictionary<int, ConcurrentStack<CodeThreads>> Idle = new();

    private readonly object _signal = new(); // Monitor.Wait/Pulse: a handoff that needs nothing disposed
    private readonly int _stackSize;
    private Action? _next;

    private CodeThreads(int stackSize)
    {
        _stackSize = stackSize;
    }

    /// <summary>Runs <paramref name="work"/> on an idle code thread with the given stack size, or on a new one.</summary>
    /// <param name="work">Must not throw: whatever it runs reports its own outcome.</param>
    /// <param name="stackSize">The stack size of the thread.</param>
    public static void Start(Action work, int stackSize)
    {
        var context = ExecutionContext.Capture();
        Action item = context is null ? work : () => ExecutionContext.Run(context, static w => ((Action)w!)(), work);
        var idle = Idle.GetOrAdd(stackSize, static _ => new ConcurrentStack<CodeThreads>());
        if (idle.TryPop(out var worker))
        {
            lock (worker._signal)
            {
                worker._next = item;
                Monitor.Pulse(worker._signal);
            }

            return;
        }

        worker = new CodeThreads(stackSize) { _next = item }; // set before the thread starts: no signal needed
        // UnsafeStart: the thread itself must not keep the first caller's ambient state (its trace scope) alive.
        new Thread(worker.Loop, stackSize) { IsBackground = true, Name = "Opto trainable code" }.UnsafeStart();
    }

    // Out of line, so that no local of the waiting loop keeps the last item (and the code it ran) reachable.
    [MethodImpl(MethodImplOptions.NoInlining)]
    private void RunNext()
    {
        Action item;
        lock (_signal)
        {
            item = _next!;
            _next = null;
        }

        item();
    }

    private void Loop()
    {
        while (true)
        {
            lock (_signal)
            {
                while (_next is null)
                {
                    Monitor.Wait(_signal);
                }
            }

            RunNext();

            var idle = Idle[_stackSize];
            if (idle.Count >= MaxIdlePerStackSize)
            {
                return;
            }

            idle.Push(this);
        }
    }
}
