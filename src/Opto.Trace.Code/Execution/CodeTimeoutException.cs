namespace Opto.Trace.Code;

/// <summary>Trainable code ran past its time budget and was stopped.</summary>
public sealed class CodeTimeoutException : TimeoutException
{
    /// <summary>Creates the exception.</summary>
    /// <param name="timeout">The budget that ran out.</param>
    /// <param name="abandoned">Whether the code did not stop by itself and its thread was left running.</param>
    public CodeTimeoutException(TimeSpan timeout, bool abandoned = false)
        : base(Describe(timeout, abandoned))
    {
        Timeout = timeout;
        Abandoned = abandoned;
    }

    /// <summary>The time budget that ran out.</summary>
    public TimeSpan Timeout { get; }

    /// <summary>
    /// Whether the code did not reach a budget check within the grace period (it was stuck inside a library call),
    /// so that its thread was abandoned, still running, in the background.
    /// </summary>
    public bool Abandoned { get; }

    private static string Describe(TimeSpan timeout, bool abandoned) =>
        $"stopped after {Durations.Format(timeout)}: the code did not finish (infinite loop?)" +
        (abandoned ? " It did not respond to the stop either (blocked inside a library call?), so its thread was abandoned." : "");
}
