using Ops = Opto.Trace.BuiltInOperations;

namespace Opto.Trace;

/// <summary>Traced text operations on <c>Node&lt;string&gt;</c>: concatenation with <c>+</c>, case, trimming, search and splitting.</summary>
public static class StringOperators
{
    extension(Node<string> text)
    {
        /// <summary>Traced concatenation.</summary>
        public static Node<string> operator +(Node<string> left, Node<string> right) => Traced.Binary(Ops.Concat, left, right, static (a, b) => string.Concat(a, b));

        /// <summary>Traced upper-casing (invariant culture).</summary>
        /// <returns>The upper-case text.</returns>
        public Node<string> ToUpper() => Traced.Unary(Ops.ToUpper, text, static a => a.ToUpperInvariant());

        /// <summary>Traced lower-casing (invariant culture).</summary>
        /// <returns>The lower-case text.</returns>
        public Node<string> ToLower() => Traced.Unary(Ops.ToLower, text, static a => a.ToLowerInvariant());

        /// <summary>Traced trimming of white space at both ends.</summary>
        /// <returns>The trimmed text.</returns>
        public Node<string> Trim() => Traced.Unary(Ops.Trim, text, static a => a.Trim());

        /// <summary>Traced length in characters.</summary>
        /// <returns>The length.</returns>
        public Node<int> Length() => Traced.Unary(Ops.Length, text, static a => a.Length);

        /// <summary>Traced ordinal search.</summary>
        /// <param name="y">The text to look for.</param>
        /// <returns>Whether <paramref name="y"/> occurs in the text.</returns>
        public Node<bool> Contains(Node<string> y) => Traced.Binary(Ops.Contains, text, y, static (a, b) => a.Contains(b, StringComparison.Ordinal));

        /// <summary>Traced ordinal search for a constant.</summary>
        /// <param name="y">The text to look for.</param>
        /// <returns>Whether <paramref name="y"/> occurs in the text.</returns>
        public Node<bool> Contains(string y) => text.Contains(Node.Constant(y));

        /// <summary>Traced ordinal prefix test.</summary>
        /// <param name="y">The prefix.</param>
        /// <returns>Whether the text starts with <paramref name="y"/>.</returns>
        public Node<bool> StartsWith(string y) => Traced.Binary(Ops.StartsWith, text, Node.Constant(y), static (a, b) => a.StartsWith(b, StringComparison.Ordinal));

        /// <summary>Traced replacement of every occurrence of a text.</summary>
        /// <param name="oldValue">The text to replace.</param>
        /// <param name="newValue">The replacement.</param>
        /// <returns>The new text.</returns>
        public Node<string> Replace(string oldValue, string newValue) =>
            Traced.Nary(Ops.Replace, [text, Node.Constant(oldValue), Node.Constant(newValue)],
                static n => ((Node<string>)n[0]).RawValue.Replace(((Node<string>)n[1]).RawValue, ((Node<string>)n[2]).RawValue, StringComparison.Ordinal));

        /// <summary>Traced split.</summary>
        /// <param name="separator">The separator.</param>
        /// <returns>The parts, as a node of a list.</returns>
        public Node<IReadOnlyList<string>> Split(string separator) =>
            Traced.Binary<string, string, IReadOnlyList<string>>(Ops.Split, text, Node.Constant(separator), static (a, b) => a.Split(b));
    }
}
