using System.Globalization;
using Ops = Opto.Trace.BuiltInOperations;

namespace Opto.Trace;

public abstract partial class Node
{
    /// <summary>Brings a value into the current trace as an input node (no parents, not trainable).</summary>
    /// <typeparam name="T">The type of the value.</typeparam>
    /// <param name="value">The value.</param>
    /// <param name="name">A base for the node's name; the type's name when omitted.</param>
    /// <param name="description">What the input is, shown to optimizers.</param>
    /// <returns>The input node.</returns>
    /// <exception cref="InvalidOperationException">No trace scope is open.</exception>
    public static Node<T> Input<T>(T value, string? name = null, string? description = null) =>
        new(TraceContext.RequireGraph("Node.Input"), name is null ? NodeBaseOf<T>.Name : NameText.Sanitize(name), value, description);

    /// <summary>A constant in the current trace; plain operands of traced operators become these.</summary>
    /// <typeparam name="T">The type of the value.</typeparam>
    /// <param name="value">The value.</param>
    /// <returns>The constant node.</returns>
    /// <exception cref="InvalidOperationException">No trace scope is open.</exception>
    public static Node<T> Constant<T>(T value) =>
        new(TraceContext.RequireGraph("Node.Constant"), NodeBaseOf<T>.Name, value, description: null);

    /// <summary>Creates a parameter; shorthand for <c>new ParameterNode&lt;T&gt;(…)</c>.</summary>
    /// <typeparam name="T">The type of the value.</typeparam>
    /// <param name="value">The initial value.</param>
    /// <param name="name">The parameter's stable key.</param>
    /// <param name="description">What it means, for the optimizer.</param>
    /// <param name="constraints">Rules every value must satisfy.</param>
    /// <returns>The parameter.</returns>
    public static ParameterNode<T> Parameter<T>(T value, string name, string? description = null, ParameterConstraints? constraints = null) =>
        new(value, name, description, constraints);

    /// <summary>Traced collection of nodes into one node of a list (a container of nodes).</summary>
    /// <typeparam name="T">The item type.</typeparam>
    /// <param name="items">The items.</param>
    /// <returns>A node whose parents are the items.</returns>
    public static Node<IReadOnlyList<T>> List<T>(params Node<T>[] items)
    {
        ArgumentNullException.ThrowIfNull(items);
        Node[] inputs = [.. items];
        return Traced.Nary<IReadOnlyList<T>>(Ops.MakeList(inputs.Length), inputs, static nodes =>
        {
            var values = new T[nodes.Length];
            for (var i = 0; i < nodes.Length; i++)
            {
                values[i] = ((Node<T>)nodes[i]).RawValue;
            }

            return values;
        });
    }

    /// <summary>Traced collection of named nodes into one node of a dictionary; the inputs are named by the keys.</summary>
    /// <typeparam name="TValue">The value type.</typeparam>
    /// <param name="items">The entries.</param>
    /// <returns>A node whose parents are the values.</returns>
    public static Node<IReadOnlyDictionary<string, TValue>> Dictionary<TValue>(IEnumerable<KeyValuePair<string, Node<TValue>>> items)
    {
        ArgumentNullException.ThrowIfNull(items);
        var entries = items.ToArray();
        var operation = new Operation(Ops.MakeDictionary.Name, Ops.MakeDictionary.Documentation, [.. entries.Select(e => e.Key)]);
        Node[] inputs = [.. entries.Select(e => e.Value)];
        return Traced.Nary<IReadOnlyDictionary<string, TValue>>(operation, inputs, nodes =>
        {
            var result = new Dictionary<string, TValue>(nodes.Length, StringComparer.Ordinal);
            for (var i = 0; i < nodes.Length; i++)
            {
                result[entries[i].Key] = ((Node<TValue>)nodes[i]).RawValue;
            }

            return result;
        });
    }

    /// <summary>Traced composite formatting (invariant culture): <c>Node.Format("{0} is {1}", a, b)</c>.</summary>
    /// <param name="format">The format text, with placeholders {0}, {1}, ….</param>
    /// <param name="args">The nodes that fill the placeholders.</param>
    /// <returns>The formatted text.</returns>
    public static Node<string> Format(string format, params Node[] args)
    {
        ArgumentNullException.ThrowIfNull(format);
        ArgumentNullException.ThrowIfNull(args);
        Node[] inputs = [Constant(format), .. args];
        var operation = FormatOperation(args.Length);
        return Traced.Nary(operation, inputs, static nodes =>
        {
            var values = new object?[nodes.Length - 1];
            for (var i = 1; i < nodes.Length; i++)
            {
                values[i - 1] = nodes[i].BoxedValue;
            }

            return string.Format(CultureInfo.InvariantCulture, (string)nodes[0].BoxedValue!, values);
        });
    }

    /// <summary>Traced join of a list of texts.</summary>
    /// <param name="separator">Placed between items.</param>
    /// <param name="items">The node of the list.</param>
    /// <returns>The joined text.</returns>
    public static Node<string> Join(string separator, INode<IReadOnlyList<string>> items)
    {
        ArgumentNullException.ThrowIfNull(items);
        return Traced.Binary(Ops.Join, Constant(separator), separator, (Node)items, items.Value, static (s, l) => string.Join(s, l));
    }

    private static readonly Lock FormatGate = new();
    private static readonly Dictionary<int, Operation> FormatOperations = [];

    private static Operation FormatOperation(int arity)
    {
        lock (FormatGate)
        {
            if (!FormatOperations.TryGetValue(arity, out var operation))
            {
                operation = new Operation(Ops.Format.Name, Ops.Format.Documentation, ["format", .. Enumerable.Range(0, arity).Select(i => $"arg{i}")]);
                FormatOperations[arity] = operation;
            }

            return operation;
        }
    }
}
