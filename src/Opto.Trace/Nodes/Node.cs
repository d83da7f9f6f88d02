using System.Globalization;

namespace Opto.Trace;

/// <summary>
/// A node of a trace graph: a value together with the nodes it was computed from.
/// Nodes are created by <see cref="Node.Input{T}(T, string?, string?)"/>, by traced operators and bundles,
/// and by <see cref="ParameterNode{T}"/>; the graph they belong to is the <see cref="TraceScope"/> that was
/// current when they were made.
/// </summary>
public abstract partial class Node
{
    private static long s_nextSequence;

    private readonly string _baseName;
    private int _index = -1;
    private string? _name;

    private protected Node(TraceGraph? graph, string baseName, Node[] parents)
    {
        _baseName = baseName;
        ParentArray = parents;
        // A global creation counter gives a total order in which every parent precedes its children,
        // across graphs and threads; unions of subgraphs are sorted by it.
        Sequence = Interlocked.Increment(ref s_nextSequence);
        Graph = graph;
        graph?.Attach(this);
    }

    /// <summary>The graph this node belongs to, or <see langword="null"/> for parameters, which outlive graphs.</summary>
    public TraceGraph? Graph { get; }

    /// <summary>
    /// The node's name: <c>base_k</c> for nodes in a graph (k counts nodes of that base within the graph),
    /// the declared key for parameters. Unique within a graph; see <see cref="TraceSubgraph"/> for names
    /// that are also unique against parameters when rendered.
    /// </summary>
    public string Name => _name ??= _index < 0 ? _baseName : string.Concat(_baseName, "_", _index.ToString(CultureInfo.InvariantCulture));

    /// <summary>The base of the name (the operation's or input's name, without the counter).</summary>
    public string BaseName => _baseName;

    /// <summary>A number that grows with creation time; a parent always has a smaller one than its children.</summary>
    public long Sequence { get; }

    /// <summary>What role this node plays.</summary>
    public abstract NodeKind Kind { get; }

    /// <summary>Text that explains the node to a reader of the trace (for operations: their documentation).</summary>
    public abstract string? Description { get; }

    /// <summary>The value, boxed.</summary>
    public abstract object? BoxedValue { get; }

    /// <summary>The static type of the value.</summary>
    public abstract Type ValueType { get; }

    /// <summary>The nodes this one was computed from, in argument order (a node used twice appears twice).</summary>
    public IReadOnlyList<Node> Parents => ParentArray;

    /// <summary>The operation that produced this node, or <see langword="null"/> for roots (inputs, constants, parameters).</summary>
    public virtual Operation? Operation => null;

    /// <summary>The inputs of the operation that produced this node, by argument name. Empty for roots.</summary>
    public virtual IReadOnlyList<NodeInput> Inputs => [];

    /// <summary>Whether the node has no parents (an input, a constant or a parameter).</summary>
    public bool IsRoot => ParentArray.Length == 0;

    internal Node[] ParentArray { get; }

    /// <summary>Set when a Backward call that did not retain the graph has passed through this node.</summary>
    internal bool IsConsumed { get; set; }

    /// <summary>The node's position in its graph (creation order), for dense per-walk sets.</summary>
    internal int Ordinal { get; private set; }

    internal void AssignIndex(int index, int ordinal)
    {
        _index = index;
        Ordinal = ordinal;
    }

    /// <inheritdoc />
    public override string ToString() => $"{Name} = {ValueFormatter.Format(BoxedValue, 80)}";
}
