using System.Runtime.InteropServices;

namespace Opto.Trace;

/// <summary>Graph walks without recursion, so that million-node chains need no deep stack.</summary>
internal static class Topology
{
    /// <summary>The node and all its ancestors, each once, parents before children (iterative post-order DFS).</summary>
    public static Node[] Ancestors(Node output)
    {
        var visited = new NodeSet(output.Graph);
        visited.Add(output);
        var order = new List<Node>();
        var stack = new List<(Node Node, int Next)> { (output, 0) };
        while (stack.Count > 0)
        {
            ref var top = ref CollectionsMarshal.AsSpan(stack)[^1];
            var parents = top.Node.ParentArray;
            if (top.Next < parents.Length)
            {
                var parent = parents[top.Next++];
                if (visited.Add(parent))
                {
                    stack.Add((parent, 0));
                }
            }
            else
            {
                order.Add(top.Node);
                stack.RemoveAt(stack.Count - 1);
            }
        }

        return [.. order];
    }
}
