namespace Opto.Trace;

/// <summary>The output of a traced operation: its value, the operation, and the inputs by argument name.</summary>
/// <typeparam name="T">The type of the value.</typeparam>
public class MessageNode<T> : Node<T>
{
    private readonly Operation _operation;

    internal MessageNode(TraceGraph graph, Operation operation, Node[] inputs, T value)
        : base(graph, operation.NameBase, inputs, value, description: null)
    {
        _operation = operation;
    }

    /// <summary>The operation that produced this node.</summary>
    public override Operation Operation => _operation;

    /// <inheritdoc />
    public override NodeKind Kind => NodeKind.Message;

    /// <inheritdoc />
    public override string Description => _operation.Description;

    /// <inheritdoc />
    public override IReadOnlyList<NodeInput> Inputs
    {
        get
        {
            var parents = ParentArray;
            var names = _operation.ParameterNames;
            var inputs = new NodeInput[parents.Length];
            for (var i = 0; i < parents.Length; i++)
            {
                // Inputs beyond the declared arguments are parameters a bundle read; they go by their own name.
                inputs[i] = new NodeInput(i < names.Count ? names[i] : parents[i].Name, parents[i]);
            }

            return inputs;
        }
    }
}
