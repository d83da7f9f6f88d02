namespace Opto.Trace;

/// <summary>
/// A traced operation that threw. Its value is the exception; <see cref="FeedbackText"/> names the error,
/// where it happened and, when the operation's source is known, quotes the failing line.
/// Call <c>Backward(node.FeedbackText)</c> to send the failure to the parameters that led to it.
/// </summary>
public sealed class ExceptionNode : MessageNode<Exception>
{
    internal ExceptionNode(TraceGraph graph, Operation operation, Node[] inputs, Exception error, ErrorReport report)
        : base(graph, operation.ExceptionCounterpart, inputs, error)
    {
        FailedOperation = operation;
        Report = report;
    }

    /// <summary>The operation that threw (this node's <see cref="MessageNode{T}.Operation"/> is its exception twin).</summary>
    public Operation FailedOperation { get; }

    /// <summary>The exception that was thrown.</summary>
    public Exception Error => _value;

    /// <summary>The short type name of the error, e.g. <c>DivideByZeroException</c>.</summary>
    public string ErrorType => Report.ErrorType;

    /// <summary>Where the error was raised, when the stack trace or the operation's source tells.</summary>
    public SourceLocation? Location => Report.Location;

    /// <summary>Text for an optimizer: the error, the location and the annotated source when known.</summary>
    public string FeedbackText => Report.Text;

    /// <inheritdoc />
    public override NodeKind Kind => NodeKind.Exception;

    internal ErrorReport Report { get; }
}
