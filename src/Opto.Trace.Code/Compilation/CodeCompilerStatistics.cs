namespace Opto.Trace.Code;

/// <summary>Counters of a <see cref="CodeCompiler"/>'s cache.</summary>
/// <param name="Compilations">How many times code was actually compiled (cache misses).</param>
/// <param name="CacheHits">How many requests were served from the cache.</param>
/// <param name="Evictions">How many entries were evicted (their code unloaded).</param>
/// <param name="Cached">How many entries the cache holds now.</param>
public readonly record struct CodeCompilerStatistics(long Compilations, long CacheHits, long Evictions, int Cached);
