namespace Opto.Trace.Code;

/// <summary>
/// Limits for one run of trainable code. They are enforced cooperatively, inside the process, by checks injected into
/// the code: a policy that stops runaway code, not an operating-system boundary (there is no memory limit, and code
/// stuck inside one library call can only be abandoned, not killed).
/// </summary>
public sealed record CodeExecutionOptions
{
    /// <summary>5 s, 2,000 nested calls, 2 s grace, 16 MiB of stack.</summary>
    public static CodeExecutionOptions Default { get; } = new();

    /// <summary>How long one call may run before it is stopped. Default: 5 seconds.</summary>
    /// <exception cref="ArgumentOutOfRangeException">Not positive.</exception>
    public TimeSpan Timeout
    {
        get;
        init => field = value > TimeSpan.Zero && value != System.Threading.Timeout.InfiniteTimeSpan
            ? value
            : throw new ArgumentOutOfRangeException(nameof(value), value, "The timeout must be positive and finite.");
    } = TimeSpan.FromSeconds(5);

    /// <summary>How deeply the code's own methods, local functions and lambdas may nest. Default: 2,000.</summary>
    /// <exception cref="ArgumentOutOfRangeException">Less than 1.</exception>
    public int MaxCallDepth
    {
        get;
        init => field = value >= 1 ? value : throw new ArgumentOutOfRangeException(nameof(value), value, "At least one call must be allowed.");
    } = 2_000;

    /// <summary>
    /// How long to wait, once the time is up or the call is cancelled, for the code to reach one of its budget checks.
    /// Code stuck inside a single library call (a huge regular expression, a blocking wait) cannot be stopped; after
    /// this grace its thread is abandoned, the caller gets the timeout, and the thread ends on its own when it can.
    /// Default: 2 seconds.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException">Negative.</exception>
    public TimeSpan StopGracePeriod
    {
        get;
        init => field = value >= TimeSpan.Zero && value != System.Threading.Timeout.InfiniteTimeSpan
            ? value
            : throw new ArgumentOutOfRangeException(nameof(value), value, "The grace period must be zero or positive and finite.");
    } = TimeSpan.FromSeconds(2);

    /// <summary>The stack size, in bytes, of the thread that runs the code. Default: 16 MiB (reserved, not committed).</summary>
    /// <exception cref="ArgumentOutOfRangeException">Less than 256 KiB.</exception>
    public int ThreadStackSize
    {
        get;
        init => field = value >= 256 * 1024 ? value : throw new ArgumentOutOfRangeException(nameof(value), value, "Give the code at least 256 KiB of stack.");
    } = 16 * 1024 * 1024;
}
