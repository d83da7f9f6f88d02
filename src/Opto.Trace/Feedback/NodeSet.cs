namespace Opto.Trace;

/// <summary>
/// A set of nodes for graph walks. Nodes of one graph are kept as bits indexed by their position in that graph
/// (dense, cache-friendly: a million-node walk touches 125 KB instead of a hash table's tens of MB); parameters
/// and nodes of other graphs, which are few, go into a hash set.
/// </summary>
internal sealed class NodeSet
{
    private readonly TraceGraph? _graph;
    private ulong[] _bits;
    private HashSet<Node>? _others;

    public NodeSet(TraceGraph? graph)
    {
        _graph = graph;
        _bits = new ulong[graph is null ? 0 : (graph.Count >> 6) + 1];
    }

    /// <summary>Adds the node; returns false when it was already there.</summary>
    public bool Add(Node node)
    {
        if (_graph is not null && ReferenceEquals(node.Graph, _graph))
        {
            var ordinal = node.Ordinal;
            var word = ordinal >> 6;
            if (word >= _bits.Length)
            {
                Array.Resize(ref _bits, Math.Max(word + 1, _bits.Length * 2));
            }

            var mask = 1UL << (ordinal & 63);
            if ((_bits[word] & mask) != 0)
            {
                return false;
            }

            _bits[word] |= mask;
            return true;
        }

        return (_others ??= new HashSet<Node>(ReferenceEqualityComparer.Instance)).Add(node);
    }

    public bool Contains(Node node)
    {
        if (_graph is not null && ReferenceEquals(node.Graph, _graph))
        {
            var word = node.Ordinal >> 6;
            return word < _bits.Length && (_bits[word] & (1UL << (node.Ordinal & 63))) != 0;
        }

        return _others is not null && _others.Contains(node);
    }
}
