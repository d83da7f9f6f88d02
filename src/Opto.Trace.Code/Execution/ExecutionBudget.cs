namespace Opto.Trace.Code;

/// <summary>
/// The limits of one run of trainable code, as the injected guard sees them: a token that trips when the time is
/// up, the caller cancels or the run is over, and a count of nested calls. Once the budget decides to stop, it stays
/// stopped: every later check throws again, and the code's own catch clauses can no longer swallow the stop.
/// </summary>
internal sealed class ExecutionBudget : IDisposable
{
    private readonly CancellationTokenSource _source;
    private readonly CancellationToken _callerToken;
    private int _reason;
    private int _stopDepth;
    private volatile bool _stopping;
    private bool _disposed;

    public ExecutionBudget(CodeExecutionOptions options, CancellationToken callerToken)
    {
        Options = options;
        _callerToken = callerToken;
        _source = CancellationTokenSource.CreateLinkedTokenSource(callerToken);
        _source.CancelAfter(options.Timeout);
        Token = _source.Token;
    }

    private enum StopReason
    {
        None,
        Timeout,
        Cancelled,
        CallDepth,
        StackExhausted,
        Finished,
    }

    public CodeExecutionOptions Options { get; }

    /// <summary>Trips when the code must stop (time up, caller cancelled, run over).</summary>
    public CancellationToken Token { get; }

    /// <summary>How many of the code's calls are active; touched only by the code's own flow.</summary>
    public int Depth { get; set; }

    /// <summary>Whether the code is being stopped; the guard's catch filter reads it.</summary>
    public bool IsStopping => _stopping;

    /// <summary>Whether a check should stop the code now.</summary>
    public bool MustStop => _stopping || Token.IsCancellationRequested;

    /// <summary>Stops the code: records why (the first reason wins) and throws the matching exception.</summary>
    public Exception Stop()
    {
        Decide(_callerToken.IsCancellationRequested ? StopReason.Cancelled : StopReason.Timeout, Depth);
        return CreateStopException(abandoned: false);
    }

    public Exception StopForDepth(bool stackExhausted)
    {
        Decide(stackExhausted ? StopReason.StackExhausted : StopReason.CallDepth, Depth);
        return CreateStopException(abandoned: false);
    }

    /// <summary>The exception that reports why the code was stopped.</summary>
    public Exception CreateStopException(bool abandoned)
    {
        if (_reason == (int)StopReason.None)
        {
            Decide(_callerToken.IsCancellationRequested ? StopReason.Cancelled : StopReason.Timeout, Depth);
        }

        return (StopReason)_reason switch
        {
            StopReason.Cancelled => new OperationCanceledException("The call to trainable code was cancelled.", _callerToken),
            StopReason.CallDepth => new CodeCallDepthException(_stopDepth),
            StopReason.StackExhausted => new CodeCallDepthException(_stopDepth, stackExhausted: true),
            StopReason.Finished => new OperationCanceledException("The call that started this code has already returned."),
            _ => new CodeTimeoutException(Options.Timeout, abandoned),
        };
    }

    /// <summary>The run is over (or abandoned): anything the code left running stops at its next check.</summary>
    public void Finish()
    {
        Decide(StopReason.Finished, Depth);
        try
        {
            _source.Cancel();
        }
        catch (ObjectDisposedException)
        {
            // Already disposed by an earlier Finish; the token has tripped then.
        }
    }

    public void Dispose()
    {
        if (!_disposed)
        {
            _disposed = true;
            _source.Dispose();
        }
    }

    private void Decide(StopReason reason, int depth)
    {
        if (Interlocked.CompareExchange(ref _reason, (int)reason, (int)StopReason.None) == (int)StopReason.None)
        {
            _stopDepth = depth;
        }

        _stopping = true;
    }
}
