namespace Opto.Trace;

/// <summary>
/// One Backward call: the output that received feedback, the feedback, and every node that contributed to the
/// output, in topological order (parents before children, the output last). The same record is shared by every
/// parameter it reached, so a backward costs one array, not a copy per node.
/// </summary>
public sealed class FeedbackRecord
{
    private readonly Node[] _nodes;

    internal FeedbackRecord(Node output, string feedback, Node[] nodes)
    {
        Output = output;
        Text = feedback;
        _nodes = nodes;
    }

    /// <summary>The node the feedback was given to.</summary>
    public Node Output { get; }

    /// <summary>The feedback as given.</summary>
    public string Text { get; }

    /// <summary>The output and all its ancestors, parents before children.</summary>
    public IReadOnlyList<Node> Nodes => _nodes;

    internal Node[] NodeArray => _nodes;

    /// <inheritdoc />
    public override string ToString() => $"{Output.Name} ← \"{ValueFormatter.Format(Text, 60)}\" ({_nodes.Length} nodes)";
}
