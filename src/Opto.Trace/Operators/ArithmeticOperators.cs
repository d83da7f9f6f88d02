using System.Numerics;
using Ops = Opto.Trace.BuiltInOperations;

namespace Opto.Trace;

/// <summary>
/// Traced arithmetic on nodes of any type that supports it through generic math: <c>int</c>, <c>double</c>,
/// <c>decimal</c>, <c>BigInteger</c>, your own numeric types. A plain operand becomes a constant input.
/// </summary>
public static class ArithmeticOperators
{
    extension<T>(Node<T>) where T : IAdditionOperators<T, T, T>
    {
        /// <summary>Traced <c>x + y</c>.</summary>
        public static Node<T> operator +(Node<T> x, Node<T> y) => Traced.Binary(Ops.Add, x, y, static (a, b) => a + b);

        /// <summary>Traced <c>x + y</c> with a constant <paramref name="y"/>.</summary>
        public static Node<T> operator +(Node<T> x, T y) => Traced.Binary(Ops.Add, x, Node.Constant(y), static (a, b) => a + b);

        /// <summary>Traced <c>x + y</c> with a constant <paramref name="x"/>.</summary>
        public static Node<T> operator +(T x, Node<T> y) => Traced.Binary(Ops.Add, Node.Constant(x), y, static (a, b) => a + b);
    }

    extension<T>(Node<T>) where T : ISubtractionOperators<T, T, T>
    {
        /// <summary>Traced <c>x - y</c>.</summary>
        public static Node<T> operator -(Node<T> x, Node<T> y) => Traced.Binary(Ops.Subtract, x, y, static (a, b) => a - b);

        /// <summary>Traced <c>x - y</c> with a constant <paramref name="y"/>.</summary>
        public static Node<T> operator -(Node<T> x, T y) => Traced.Binary(Ops.Subtract, x, Node.Constant(y), static (a, b) => a - b);

        /// <summary>Traced <c>x - y</c> with a constant <paramref name="x"/>.</summary>
        public static Node<T> operator -(T x, Node<T> y) => Traced.Binary(Ops.Subtract, Node.Constant(x), y, static (a, b) => a - b);
    }

    extension<T>(Node<T>) where T : IMultiplyOperators<T, T, T>
    {
        /// <summary>Traced <c>x * y</c>.</summary>
        public static Node<T> operator *(Node<T> x, Node<T> y) => Traced.Binary(Ops.Multiply, x, y, static (a, b) => a * b);

        /// <summary>Traced <c>x * y</c> with a constant <paramref name="y"/>.</summary>
        public static Node<T> operator *(Node<T> x, T y) => Traced.Binary(Ops.Multiply, x, Node.Constant(y), static (a, b) => a * b);

        /// <summary>Traced <c>x * y</c> with a constant <paramref name="x"/>.</summary>
        public static Node<T> operator *(T x, Node<T> y) => Traced.Binary(Ops.Multiply, Node.Constant(x), y, static (a, b) => a * b);
    }

    extension<T>(Node<T>) where T : IDivisionOperators<T, T, T>
    {
        /// <summary>Traced <c>x / y</c>; integer division by zero becomes an <see cref="ExceptionNode"/>.</summary>
        public static Node<T> operator /(Node<T> x, Node<T> y) => Traced.Binary(Ops.Divide, x, y, static (a, b) => a / b);

        /// <summary>Traced <c>x / y</c> with a constant <paramref name="y"/>.</summary>
        public static Node<T> operator /(Node<T> x, T y) => Traced.Binary(Ops.Divide, x, Node.Constant(y), static (a, b) => a / b);

        /// <summary>Traced <c>x / y</c> with a constant <paramref name="x"/>.</summary>
        public static Node<T> operator /(T x, Node<T> y) => Traced.Binary(Ops.Divide, Node.Constant(x), y, static (a, b) => a / b);
    }

    extension<T>(Node<T>) where T : IModulusOperators<T, T, T>
    {
        /// <summary>Traced <c>x % y</c>.</summary>
        public static Node<T> operator %(Node<T> x, Node<T> y) => Traced.Binary(Ops.Modulo, x, y, static (a, b) => a % b);

        /// <summary>Traced <c>x % y</c> with a constant <paramref name="y"/>.</summary>
        public static Node<T> operator %(Node<T> x, T y) => Traced.Binary(Ops.Modulo, x, Node.Constant(y), static (a, b) => a % b);

        /// <summary>Traced <c>x % y</c> with a constant <paramref name="x"/>.</summary>
        public static Node<T> operator %(T x, Node<T> y) => Traced.Binary(Ops.Modulo, Node.Constant(x), y, static (a, b) => a % b);
    }

    extension<T>(Node<T>) where T : IUnaryNegationOperators<T, T>
    {
        /// <summary>Traced <c>-x</c>.</summary>
        public static Node<T> operator -(Node<T> x) => Traced.Unary(Ops.Negate, x, static a => -a);
    }

    extension<T>(Node<T> x) where T : INumberBase<T>
    {
        /// <summary>Traced absolute value.</summary>
        /// <returns>The node of |x|.</returns>
        public Node<T> Abs() => Traced.Unary(Ops.Abs, x, T.Abs);
    }

    extension<T>(Node<T>) where T : IBitwiseOperators<T, T, T>
    {
        /// <summary>Traced <c>x &amp; y</c> (logical AND for <c>bool</c>).</summary>
        public static Node<T> operator &(Node<T> x, Node<T> y) => Traced.Binary(Ops.BitAnd, x, y, static (a, b) => a & b);

        /// <summary>Traced <c>x | y</c> (logical OR for <c>bool</c>).</summary>
        public static Node<T> operator |(Node<T> x, Node<T> y) => Traced.Binary(Ops.BitOr, x, y, static (a, b) => a | b);

        /// <summary>Traced <c>x ^ y</c>.</summary>
        public static Node<T> operator ^(Node<T> x, Node<T> y) => Traced.Binary(Ops.BitXor, x, y, static (a, b) => a ^ b);

        /// <summary>Traced <c>x &amp; y</c> with a constant <paramref name="y"/>.</summary>
        public static Node<T> operator &(Node<T> x, T y) => Traced.Binary(Ops.BitAnd, x, Node.Constant(y), static (a, b) => a & b);

        /// <summary>Traced <c>x | y</c> with a constant <paramref name="y"/>.</summary>
        public static Node<T> operator |(Node<T> x, T y) => Traced.Binary(Ops.BitOr, x, Node.Constant(y), static (a, b) => a | b);

        /// <summary>Traced <c>x ^ y</c> with a constant <paramref name="y"/>.</summary>
        public static Node<T> operator ^(Node<T> x, T y) => Traced.Binary(Ops.BitXor, x, Node.Constant(y), static (a, b) => a ^ b);
    }

    extension<T>(Node<T>) where T : IShiftOperators<T, int, T>
    {
        /// <summary>Traced <c>x &lt;&lt; y</c>.</summary>
        public static Node<T> operator <<(Node<T> x, Node<int> y) => Traced.Binary(Ops.ShiftLeft, x, y, static (a, b) => a << b);

        /// <summary>Traced <c>x &gt;&gt; y</c>.</summary>
        public static Node<T> operator >>(Node<T> x, Node<int> y) => Traced.Binary(Ops.ShiftRight, x, y, static (a, b) => a >> b);
    }

    // bool has no generic-math interfaces, so its logical operators are spelled out.
    extension(Node<bool>)
    {
        /// <summary>Traced <c>!x</c>.</summary>
        public static Node<bool> operator !(Node<bool> x) => Traced.Unary(Ops.Not, x, static a => !a);

        /// <summary>Traced logical AND (both sides are evaluated: a node has no short circuit).</summary>
        public static Node<bool> operator &(Node<bool> x, Node<bool> y) => Traced.Binary(Ops.BitAnd, x, y, static (a, b) => a & b);

        /// <summary>Traced logical OR (both sides are evaluated: a node has no short circuit).</summary>
        public static Node<bool> operator |(Node<bool> x, Node<bool> y) => Traced.Binary(Ops.BitOr, x, y, static (a, b) => a | b);

        /// <summary>Traced logical exclusive OR.</summary>
        public static Node<bool> operator ^(Node<bool> x, Node<bool> y) => Traced.Binary(Ops.BitXor, x, y, static (a, b) => a ^ b);
    }
}
