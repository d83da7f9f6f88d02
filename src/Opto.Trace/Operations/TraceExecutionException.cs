namespace Opto.Trace;

/// <summary>
/// Thrown by a traced operation whose body threw. <see cref="Node"/> is the <see cref="ExceptionNode"/> that
/// records the failure in the graph; give it feedback (usually its own <see cref="ExceptionNode.FeedbackText"/>) to
/// let an optimizer repair the parameters that led to it.
/// </summary>
public sealed class TraceExecutionException : Exception
{
    /// <summary>Creates the exception for a recorded failure.</summary>
    /// <param name="node">The node that records the failure.</param>
    public TraceExecutionException(ExceptionNode node)
        : base((node ?? throw new ArgumentNullException(nameof(node))).FeedbackText, node.Error)
    {
        Node = node;
    }

    /// <summary>The node that records the failure.</summary>
    public ExceptionNode Node { get; }
}
