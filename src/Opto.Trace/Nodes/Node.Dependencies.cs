namespace Opto.Trace;

public abstract partial class Node
{
    /// <summary>
    /// The parameters this node depends on (trainable or not), found by walking its ancestors: the parameters a
    /// Backward from this node would reach. Parents come before children in the walk, so the order is stable.
    /// </summary>
    /// <returns>The parameters, each once.</returns>
    public IReadOnlyList<IParameterNode> ParameterDependencies()
    {
        var result = new List<IParameterNode>();
        foreach (var node in Topology.Ancestors(this))
        {
            if (node is IParameterNode parameter)
            {
                result.Add(parameter);
            }
        }

        return result;
    }
}
