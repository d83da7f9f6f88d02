namespace Opto.Trace;

/// <summary>
/// A read-only, covariant view of a node's value. It lets one extension method serve
/// <c>Node&lt;List&lt;int&gt;&gt;</c>, <c>Node&lt;int[]&gt;</c> and <c>Node&lt;IReadOnlyList&lt;int&gt;&gt;</c> alike;
/// every instance is a <see cref="Node{T}"/>.
/// </summary>
/// <typeparam name="T">The type of the value.</typeparam>
public interface INode<out T>
{
    /// <summary>The node's name, unique within its graph.</summary>
    string Name { get; }

    /// <summary>The node's value.</summary>
    T Value { get; }
}
