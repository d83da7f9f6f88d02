namespace Opto.Trace.Code;

/// <summary>One successfully compiled and loaded piece of code, as the cache keeps it.</summary>
internal sealed class CompiledCode
{
    private readonly CodeLoadContext _context;
    private int _unloaded;

    public CompiledCode(CodeLoadContext context, Delegate factory, string hash, string source, string methodName,
        string sourcePath, IReadOnlyList<string> parameterNames, TimeSpan compileTime)
    {
        _context = context;
        Factory = factory;
        Hash = hash;
        Source = source;
        MethodName = methodName;
        SourcePath = sourcePath;
        ParameterNames = parameterNames;
        CompileTime = compileTime;
        LoadContext = new WeakReference(context);
    }

    /// <summary>A <c>Func&lt;TDelegate&gt;</c> that makes the delegate (on a fresh instance of the host class).</summary>
    public Delegate Factory { get; }

    public string Hash { get; }

    public string Source { get; }

    public string MethodName { get; }

    public string SourcePath { get; }

    public IReadOnlyList<string> ParameterNames { get; }

    public TimeSpan CompileTime { get; }

    /// <summary>The load context, weakly, so that tests can watch it being collected.</summary>
    public WeakReference LoadContext { get; }

    /// <summary>Whether the cache has let go of this code and started unloading it.</summary>
    public bool IsUnloaded => Volatile.Read(ref _unloaded) != 0;

    /// <summary>Starts unloading. Code still referenced keeps working; the assembly goes once nothing refers to it.</summary>
    public void Unload()
    {
        if (Interlocked.Exchange(ref _unloaded, 1) == 0)
        {
            _context.Unload();
        }
    }
}
