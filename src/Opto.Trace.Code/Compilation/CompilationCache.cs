namespace Opto.Trace.Code;

/// <summary>The result of compiling one piece of code: the loaded code, or why there is none.</summary>
internal sealed record CompileOutcome(CompiledCode? Code, IReadOnlyList<CodeDiagnostic> Diagnostics);

/// <summary>
/// A bounded least-recently-used map from content hash to compile outcome. Concurrent requests for the same key
/// compile once; failures are cached too (the same broken text gives the same feedback without a recompile). An
/// evicted entry's load context is unloaded, also when the eviction overtakes a compilation still in progress.
/// </summary>
internal sealed class CompilationCache(int capacity)
{
    private readonly Lock _gate = new();
    private readonly Dictionary<string, LinkedListNode<Entry>> _entries = new(StringComparer.Ordinal);
    private readonly LinkedList<Entry> _recency = [];
    private long _hits;
    private long _evictions;

    public long Hits => Interlocked.Read(ref _hits);

    public long Evictions => Interlocked.Read(ref _evictions);

    public int Count
    {
        get
        {
            lock (_gate)
            {
                return _entries.Count;
            }
        }
    }

    /// <summary>The cached outcome for <paramref name="key"/>, compiling it with <paramref name="compile"/> on a miss.</summary>
    public CompileOutcome GetOrCompile(string key, Func<CompileOutcome> compile)
    {
        Entry entry;
        List<Entry>? evicted = null;
        lock (_gate)
        {
            if (_entries.TryGetValue(key, out var node))
            {
                _recency.Remove(node);
                _recency.AddFirst(node);
                entry = node.Value;
                Interlocked.Increment(ref _hits);
            }
            else
            {
                entry = new Entry(key, compile);
                _entries[key] = _recency.AddFirst(entry);
                while (_entries.Count > capacity)
                {
                    var last = _recency.Last!;
                    _recency.RemoveLast();
                    _entries.Remove(last.Value.Key);
                    (evicted ??= []).Add(last.Value);
                }
            }
        }

        // Unloading and compiling happen outside the cache's lock: neither should hold up other lookups.
        evicted?.ForEach(e =>
        {
            Interlocked.Increment(ref _evictions);
            e.Evict();
        });
        return entry.Outcome;
    }

    /// <summary>Forgets every entry and unloads the code they hold.</summary>
    public void Clear()
    {
        List<Entry> all;
        lock (_gate)
        {
            all = [.. _recency];
            _entries.Clear();
            _recency.Clear();
        }

        foreach (var entry in all)
        {
            Interlocked.Increment(ref _evictions);
            entry.Evict();
        }
    }

    private sealed class Entry(string key, Func<CompileOutcome> compile)
    {
        private readonly Lock _gate = new();
        private readonly Lazy<CompileOutcome> _outcome = new(compile, LazyThreadSafetyMode.ExecutionAndPublication);
        private CompileOutcome? _done;
        private bool _evicted;

        public string Key { get; } = key;

        public CompileOutcome Outcome
        {
            get
            {
                var outcome = _outcome.Value;
                lock (_gate)
                {
                    _done ??= outcome;
                    if (_evicted)
                    {
                        outcome.Code?.Unload();
                    }
                }

                return outcome;
            }
        }

        public void Evict()
        {
            lock (_gate)
            {
                _evicted = true;
                _done?.Code?.Unload();
            }
        }
    }
}
