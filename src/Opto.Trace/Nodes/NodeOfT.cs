namespace Opto.Trace;

/// <summary>A node whose value has type <typeparamref name="T"/>.</summary>
/// <typeparam name="T">The type of the value.</typeparam>
public partial class Node<T> : Node, INode<T>
{
    private readonly string? _description;
    private protected T _value;

    private protected Node(TraceGraph? graph, string baseName, Node[] parents, T value, string? description)
        : base(graph, baseName, parents)
    {
        _value = value;
        _description = description;
    }

    internal Node(TraceGraph graph, string baseName, T value, string? description)
        : this(graph, baseName, [], value, description)
    {
    }

    /// <summary>The node's value.</summary>
    public T Value => ReadValue();

    /// <inheritdoc />
    public override NodeKind Kind => NodeKind.Value;

    /// <inheritdoc />
    public override string? Description => _description;

    /// <inheritdoc />
    public override object? BoxedValue => _value;

    /// <inheritdoc />
    public override Type ValueType => typeof(T);

    /// <summary>The value, read without being recorded as a dependency of a running bundle.</summary>
    internal T RawValue => _value;

    /// <summary>Reads the value; parameters override this to record reads made inside bundles.</summary>
    private protected virtual T ReadValue() => _value;
}
