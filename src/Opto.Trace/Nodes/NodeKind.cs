namespace Opto.Trace;

/// <summary>What role a node plays in a trace graph.</summary>
public enum NodeKind
{
    /// <summary>A value that entered the graph from outside: an input or a constant. It has no parents.</summary>
    Value,

    /// <summary>A parameter: a value an optimizer may change. It has no parents.</summary>
    Parameter,

    /// <summary>The output of a traced operation. Its parents are the operation's inputs.</summary>
    Message,

    /// <summary>A traced operation that threw. Its value is the exception.</summary>
    Exception,
}
