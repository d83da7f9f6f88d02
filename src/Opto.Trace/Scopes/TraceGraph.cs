namespace Opto.Trace;

/// <summary>
/// The nodes traced inside one <see cref="TraceScope"/>, in creation order (which is a topological order:
/// a node is always created after its parents). Safe to add to from parallel tasks of the same scope.
/// </summary>
public sealed class TraceGraph
{
    private readonly Lock _gate = new();
    private readonly List<Node> _nodes = [];
    private readonly Dictionary<string, int> _counters = new(StringComparer.Ordinal);
    private readonly List<FeedbackRecord> _feedback = [];

    internal TraceGraph(string? name, TraceGraph? parent)
    {
        Name = name;
        Parent = parent;
    }

    /// <summary>The name given to the scope, if any.</summary>
    public string? Name { get; }

    /// <summary>The graph of the enclosing scope when scopes are nested.</summary>
    public TraceGraph? Parent { get; }

    /// <summary>Whether the scope that owns this graph is still open.</summary>
    public bool IsOpen { get; private set; } = true;

    /// <summary>How many nodes the graph holds.</summary>
    public int Count
    {
        get
        {
            lock (_gate)
            {
                return _nodes.Count;
            }
        }
    }

    /// <summary>A snapshot of the nodes in creation order.</summary>
    public IReadOnlyList<Node> Nodes
    {
        get
        {
            lock (_gate)
            {
                return [.. _nodes];
            }
        }
    }

    /// <summary>A snapshot of every Backward call made on nodes of this graph.</summary>
    public IReadOnlyList<FeedbackRecord> Feedback
    {
        get
        {
            lock (_gate)
            {
                return [.. _feedback];
            }
        }
    }

    /// <summary>Renders the whole graph, with values and feedback, as Graphviz DOT.</summary>
    /// <param name="options">How to render; defaults when <see langword="null"/>.</param>
    /// <returns>The DOT text.</returns>
    public string ToDot(DotOptions? options = null) => DotRenderer.Render(WithOutsideInputs(Nodes), Feedback, options);

    /// <summary>The nodes plus the parameters and outer-scope nodes they use, which live outside this graph.</summary>
    private static IEnumerable<Node> WithOutsideInputs(IReadOnlyList<Node> nodes)
    {
        var outside = new HashSet<Node>(ReferenceEqualityComparer.Instance);
        foreach (var node in nodes)
        {
            foreach (var parent in node.ParentArray)
            {
                if (!ReferenceEquals(parent.Graph, node.Graph))
                {
                    outside.Add(parent);
                }
            }
        }

        return nodes.Concat(outside);
    }

    internal void Attach(Node node)
    {
        lock (_gate)
        {
            ref var counter = ref System.Runtime.InteropServices.CollectionsMarshal.GetValueRefOrAddDefault(_counters, node.BaseName, out _);
            node.AssignIndex(counter++, _nodes.Count);
            _nodes.Add(node);
        }
    }

    internal void AddFeedback(FeedbackRecord record)
    {
        lock (_gate)
        {
            _feedback.Add(record);
        }
    }

    internal void Close() => IsOpen = false;

    internal bool IsSelfOrAncestorOf(TraceGraph? graph)
    {
        for (var g = graph; g is not null; g = g.Parent)
        {
            if (ReferenceEquals(g, this))
            {
                return true;
            }
        }

        return false;
    }
}
