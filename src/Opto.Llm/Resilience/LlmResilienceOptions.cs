namespace Opto.Llm;

/// <summary>
/// Settings of <see cref="ResilientChatClient"/> (<c>UseOptoResilience</c>): retries with exponential backoff and
/// jitter that honour Retry-After, a per-attempt timeout, a circuit breaker and a concurrency limit.
/// The defaults suit a hosted LLM API used by an optimizer.
/// </summary>
public sealed record LlmResilienceOptions
{
    /// <summary>How many times a failed call is tried again (0 turns retries off). Default 4.</summary>
    public int MaxRetryAttempts { get; init; } = 4;

    /// <summary>The first backoff delay; later ones grow exponentially. Default 2 s.</summary>
    public TimeSpan BaseDelay { get; init; } = TimeSpan.FromSeconds(2);

    /// <summary>The longest computed backoff delay. Default 60 s.</summary>
    public TimeSpan MaxDelay { get; init; } = TimeSpan.FromSeconds(60);

    /// <summary>Whether backoff delays are randomised so that parallel callers do not retry in lock step. Default true.</summary>
    public bool UseJitter { get; init; } = true;

    /// <summary>A seed that makes the jitter reproducible (tests, replayed runs); null uses a shared random source.</summary>
    public int? JitterSeed { get; init; }

    /// <summary>
    /// The longest Retry-After that is honoured. A service asking for a longer wait gets its error passed to the
    /// caller instead of a stalled run. Default 2 minutes.
    /// </summary>
    public TimeSpan MaxRetryAfter { get; init; } = TimeSpan.FromMinutes(2);

    /// <summary>
    /// The timeout of one attempt (for streaming: until the first update arrives); null means none. Default 2 minutes.
    /// A timed-out attempt counts as a transient failure and is retried.
    /// </summary>
    public TimeSpan? AttemptTimeout { get; init; } = TimeSpan.FromMinutes(2);

    /// <summary>Whether the circuit breaker is on. Default true.</summary>
    public bool UseCircuitBreaker { get; init; } = true;

    /// <summary>The share of failed attempts, within <see cref="CircuitBreakerSamplingDuration"/>, that opens the circuit. Default 0.5.</summary>
    public double CircuitBreakerFailureRatio { get; init; } = 0.5;

    /// <summary>How many attempts must be seen in the sampling window before the circuit can open (at least 2). Default 10.</summary>
    public int CircuitBreakerMinimumThroughput { get; init; } = 10;

    /// <summary>The window over which failures are counted. Default 60 s.</summary>
    public TimeSpan CircuitBreakerSamplingDuration { get; init; } = TimeSpan.FromSeconds(60);

    /// <summary>How long an open circuit rejects calls before letting one trial call through. Default 30 s.</summary>
    public TimeSpan CircuitBreakerBreakDuration { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>
    /// The most calls (a streaming call counts until its stream ends) in flight through this client at once;
    /// others wait their turn. 0 means no limit. Default 8.
    /// </summary>
    public int MaxConcurrency { get; init; } = 8;

    /// <summary>The clock for delays and timeouts; tests pass a fake one so that nothing sleeps for real.</summary>
    public TimeProvider TimeProvider { get; init; } = TimeProvider.System;

    /// <summary>An extra test for errors that should be retried, beyond the built-in ones (checked only for errors those do not cover).</summary>
    public Func<Exception, bool>? IsTransient { get; init; }

    /// <summary>Called before each retry with the delay that will be waited (logging, tests).</summary>
    public Action<LlmRetryInfo>? OnRetry { get; init; }
}

/// <summary>Describes one retry decided by <see cref="ResilientChatClient"/>.</summary>
/// <param name="RetryNumber">1 for the first retry, 2 for the second, and so on.</param>
/// <param name="Delay">How long the client waits before trying again.</param>
/// <param name="Exception">The error that caused the retry.</param>
/// <param name="FromRetryAfter">Whether the delay came from the service's Retry-After rather than from backoff.</param>
public sealed record LlmRetryInfo(int RetryNumber, TimeSpan Delay, Exception? Exception, bool FromRetryAfter);
