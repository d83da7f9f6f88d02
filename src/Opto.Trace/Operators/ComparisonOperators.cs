using System.Numerics;
using Ops = Opto.Trace.BuiltInOperations;

namespace Opto.Trace;

/// <summary>
/// Traced comparisons. <c>&lt;</c>, <c>&lt;=</c>, <c>&gt;</c> and <c>&gt;=</c> return a <c>Node&lt;bool&gt;</c>.
/// <c>==</c> on nodes stays reference equality (nodes are identities in a graph); use <c>EqualTo</c> and
/// <c>NotEqualTo</c> for a traced comparison of values.
/// </summary>
public static class ComparisonOperators
{
    extension<T>(Node<T>) where T : IComparisonOperators<T, T, bool>
    {
        /// <summary>Traced <c>x &lt; y</c>.</summary>
        public static Node<bool> operator <(Node<T> x, Node<T> y) => Traced.Binary(Ops.LessThan, x, y, static (a, b) => a < b);

        /// <summary>Traced <c>x &gt; y</c>.</summary>
        public static Node<bool> operator >(Node<T> x, Node<T> y) => Traced.Binary(Ops.GreaterThan, x, y, static (a, b) => a > b);

        /// <summary>Traced <c>x &lt;= y</c>.</summary>
        public static Node<bool> operator <=(Node<T> x, Node<T> y) => Traced.Binary(Ops.LessOrEqual, x, y, static (a, b) => a <= b);

        /// <summary>Traced <c>x &gt;= y</c>.</summary>
        public static Node<bool> operator >=(Node<T> x, Node<T> y) => Traced.Binary(Ops.GreaterOrEqual, x, y, static (a, b) => a >= b);

        /// <summary>Traced <c>x &lt; y</c> with a constant <paramref name="y"/>.</summary>
        public static Node<bool> operator <(Node<T> x, T y) => Traced.Binary(Ops.LessThan, x, Node.Constant(y), static (a, b) => a < b);

        /// <summary>Traced <c>x &gt; y</c> with a constant <paramref name="y"/>.</summary>
        public static Node<bool> operator >(Node<T> x, T y) => Traced.Binary(Ops.GreaterThan, x, Node.Constant(y), static (a, b) => a > b);

        /// <summary>Traced <c>x &lt;= y</c> with a constant <paramref name="y"/>.</summary>
        public static Node<bool> operator <=(Node<T> x, T y) => Traced.Binary(Ops.LessOrEqual, x, Node.Constant(y), static (a, b) => a <= b);

        /// <summary>Traced <c>x &gt;= y</c> with a constant <paramref name="y"/>.</summary>
        public static Node<bool> operator >=(Node<T> x, T y) => Traced.Binary(Ops.GreaterOrEqual, x, Node.Constant(y), static (a, b) => a >= b);
    }

    extension<T>(Node<T> x)
    {
        /// <summary>Traced value equality (<see cref="EqualityComparer{T}.Default"/>).</summary>
        /// <param name="y">The other node.</param>
        /// <returns>A node that is true when the values are equal.</returns>
        public Node<bool> EqualTo(Node<T> y) => Traced.Binary(Ops.EqualTo, x, y, static (a, b) => EqualityComparer<T>.Default.Equals(a, b));

        /// <summary>Traced value equality with a constant.</summary>
        /// <param name="y">The constant.</param>
        /// <returns>A node that is true when the values are equal.</returns>
        public Node<bool> EqualTo(T y) => x.EqualTo(Node.Constant(y));

        /// <summary>Traced value inequality.</summary>
        /// <param name="y">The other node.</param>
        /// <returns>A node that is true when the values differ.</returns>
        public Node<bool> NotEqualTo(Node<T> y) => Traced.Binary(Ops.NotEqualTo, x, y, static (a, b) => !EqualityComparer<T>.Default.Equals(a, b));

        /// <summary>Traced value inequality with a constant.</summary>
        /// <param name="y">The constant.</param>
        /// <returns>A node that is true when the values differ.</returns>
        public Node<bool> NotEqualTo(T y) => x.NotEqualTo(Node.Constant(y));

        /// <summary>A traced copy of the node (an identity operation), e.g. to give a value a second name in the graph.</summary>
        /// <returns>The copy.</returns>
        public Node<T> Identity() => Traced.Unary(Ops.Identity, x, static a => a);
    }
}
