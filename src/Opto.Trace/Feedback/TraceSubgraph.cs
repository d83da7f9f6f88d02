namespace Opto.Trace;

/// <summary>
/// What an optimizer sees of a trace for some parameters: every node on a path from those parameters to an output
/// that received feedback, plus the direct inputs of those nodes (siblings, constants, other inputs), in
/// topological order, with names that are unique even where a parameter and a node share a name.
/// </summary>
public sealed class TraceSubgraph
{
    private Dictionary<Node, string>? _names;
    private Dictionary<string, Node>? _byName;

    private TraceSubgraph(Node[] nodes, FeedbackRecord[] feedback, Func<Node, bool> onPath)
    {
        Nodes = nodes;
        Feedback = feedback;
        var outputs = new HashSet<Node>(feedback.Select(f => f.Output), ReferenceEqualityComparer.Instance);
        List<Node> parameters = [], inputs = [], intermediates = [], outputList = [], path = [];
        foreach (var node in nodes)
        {
            var isOutput = outputs.Contains(node);
            if (isOutput)
            {
                outputList.Add(node);
            }

            if (node is IParameterNode { Trainable: true })
            {
                parameters.Add(node);
            }
            else if (node.IsRoot && !isOutput)
            {
                inputs.Add(node);
            }
            else if (!node.IsRoot && !isOutput)
            {
                intermediates.Add(node);
            }

            if (onPath(node))
            {
                path.Add(node);
            }
        }

        Parameters = parameters;
        Inputs = inputs;
        Intermediates = intermediates;
        Outputs = outputList;
        OnPath = path;
    }

    /// <summary>Every node of the subgraph, parents before children.</summary>
    public IReadOnlyList<Node> Nodes { get; }

    /// <summary>The feedback records the subgraph was built from.</summary>
    public IReadOnlyList<FeedbackRecord> Feedback { get; }

    /// <summary>The trainable parameters in the subgraph (what an optimizer may change).</summary>
    public IReadOnlyList<Node> Parameters { get; }

    /// <summary>Roots that are not trainable: inputs, constants, fixed parameters.</summary>
    public IReadOnlyList<Node> Inputs { get; }

    /// <summary>Computed nodes that are not outputs.</summary>
    public IReadOnlyList<Node> Intermediates { get; }

    /// <summary>The nodes that received feedback.</summary>
    public IReadOnlyList<Node> Outputs { get; }

    /// <summary>The nodes that lie on a path from a chosen parameter to an output (the rest are their side inputs).</summary>
    public IReadOnlyList<Node> OnPath { get; }

    /// <summary>The name of a node within this subgraph: its own name, or that name with a suffix where two would clash.</summary>
    /// <param name="node">A node of the subgraph.</param>
    /// <returns>The unique name.</returns>
    public string NameOf(Node node)
    {
        EnsureNames();
        return _names!.TryGetValue(node, out var name) ? name : throw new ArgumentException($"Node '{node?.Name}' is not part of this subgraph.", nameof(node));
    }

    /// <summary>Whether the node is part of this subgraph.</summary>
    /// <param name="node">The node.</param>
    /// <returns><see langword="true"/> when it is.</returns>
    public bool Contains(Node node)
    {
        EnsureNames();
        return node is not null && _names!.ContainsKey(node);
    }

    /// <summary>Finds a node by the name <see cref="NameOf"/> gives it (how an optimizer maps an answer back).</summary>
    /// <param name="name">The name.</param>
    /// <returns>The node, or <see langword="null"/>.</returns>
    public Node? Find(string name)
    {
        EnsureNames();
        return _byName!.GetValueOrDefault(name);
    }

    /// <summary>Renders the subgraph as Graphviz DOT.</summary>
    /// <param name="options">How to render; defaults when <see langword="null"/>.</param>
    /// <returns>The DOT text.</returns>
    public string ToDot(DotOptions? options = null) => DotRenderer.Render(Nodes, Feedback, options, NameOf);

    /// <summary>The view of one parameter, from the feedback it holds.</summary>
    /// <param name="parameter">The parameter.</param>
    /// <returns>The subgraph (empty when the parameter has no feedback).</returns>
    public static TraceSubgraph For(IParameterNode parameter)
    {
        ArgumentNullException.ThrowIfNull(parameter);
        return For([parameter]);
    }

    /// <summary>
    /// The union of the views of several parameters, built in one pass per feedback record (linear in the size of
    /// the graphs, however many parameters there are). This is what an optimizer that updates them together shows.
    /// </summary>
    /// <param name="parameters">The parameters.</param>
    /// <returns>The subgraph.</returns>
    public static TraceSubgraph For(IEnumerable<IParameterNode> parameters)
    {
        ArgumentNullException.ThrowIfNull(parameters);
        var sources = new HashSet<Node>(ReferenceEqualityComparer.Instance);
        var records = new List<FeedbackRecord>();
        var seenRecords = new HashSet<FeedbackRecord>(ReferenceEqualityComparer.Instance);
        foreach (var parameter in parameters)
        {
            if (parameter is not Node node)
            {
                throw new ArgumentException($"{parameter?.GetType().Name} is not a parameter node.", nameof(parameters));
            }

            sources.Add(node);
            foreach (var record in parameter.Feedback)
            {
                if (seenRecords.Add(record))
                {
                    records.Add(record);
                }
            }
        }

        // Whether a node lies downstream of a source does not depend on the record (every record holds the whole
        // ancestry of its nodes), so one set serves all records. Records of one graph share dense bit sets.
        var graph = records.Count > 0 ? records[0].Output.Graph : null;
        var onPath = new NodeSet(graph);
        var included = new NodeSet(graph);
        foreach (var record in records)
        {
            Collect(record, sources, onPath, included);
        }

        Node[] nodes;
        if (records.Count == 1)
        {
            nodes = [.. records[0].NodeArray.Where(included.Contains)]; // already topological
        }
        else
        {
            var union = new HashSet<Node>(ReferenceEqualityComparer.Instance);
            foreach (var record in records)
            {
                union.UnionWith(record.NodeArray.Where(included.Contains));
            }

            nodes = [.. union];
            Array.Sort(nodes, static (a, b) => a.Sequence.CompareTo(b.Sequence));
        }

        return new TraceSubgraph(nodes, [.. records], onPath.Contains);
    }

    /// <summary>One forward sweep over the record's topological order marks what the sources reach.</summary>
    private static void Collect(FeedbackRecord record, HashSet<Node> sources, NodeSet onPath, NodeSet included)
    {
        foreach (var node in record.NodeArray)
        {
            if (!onPath.Contains(node) && !sources.Contains(node) && !AnyParentIn(node, onPath))
            {
                continue;
            }

            onPath.Add(node);
            included.Add(node);
            foreach (var parent in node.ParentArray)
            {
                included.Add(parent);
            }
        }
    }

    private static bool AnyParentIn(Node node, NodeSet set)
    {
        foreach (var parent in node.ParentArray)
        {
            if (set.Contains(parent))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>Names are built on first use: a view that is only counted or walked never pays for them.</summary>
    private void EnsureNames()
    {
        if (_names is null)
        {
            var (names, byName) = AssignNames((Node[])Nodes);
            _byName = byName;
            _names = names;
        }
    }

    private static (Dictionary<Node, string>, Dictionary<string, Node>) AssignNames(Node[] nodes)
    {
        var names = new Dictionary<Node, string>(nodes.Length, ReferenceEqualityComparer.Instance);
        var byName = new Dictionary<string, Node>(nodes.Length, StringComparer.Ordinal);

        // Parameters keep their keys (an optimizer's answer is addressed by them); other nodes give way.
        foreach (var node in nodes.Where(n => n.Kind == NodeKind.Parameter).Concat(nodes.Where(n => n.Kind != NodeKind.Parameter)))
        {
            var name = node.Name;
            for (var k = 2; byName.ContainsKey(name); k++)
            {
                name = $"{node.Name}__{k}";
            }

            names[node] = name;
            byName[name] = node;
        }

        return (names, byName);
    }
}
