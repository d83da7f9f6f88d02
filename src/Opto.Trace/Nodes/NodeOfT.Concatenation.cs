using System.Globalization;
using Ops = Opto.Trace.BuiltInOperations;

namespace Opto.Trace;

// These two operators live on the class rather than in an extension block because C# prefers its built-in
// string concatenation (string + object) over extension operators: "Dear " + node would otherwise silently
// produce a string that leaves the graph.
public partial class Node<T>
{
    /// <summary>Traced concatenation of this node's value (as invariant text) and constant text.</summary>
    /// <param name="left">The node.</param>
    /// <param name="right">The text after it.</param>
    /// <returns>The joined text.</returns>
    public static Node<string> operator +(Node<T> left, string right) =>
        Traced.Binary(Ops.Concat, left, Node.Constant(right), static (a, b) => string.Concat(AsText(a), b));

    /// <summary>Traced concatenation of constant text and this node's value (as invariant text).</summary>
    /// <param name="left">The text before it.</param>
    /// <param name="right">The node.</param>
    /// <returns>The joined text.</returns>
    public static Node<string> operator +(string left, Node<T> right) =>
        Traced.Binary(Ops.Concat, Node.Constant(left), right, static (a, b) => string.Concat(a, AsText(b)));

    private static string? AsText(T value) => value switch
    {
        string s => s,
        IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
        _ => value?.ToString(),
    };
}
