using Ops = Opto.Trace.BuiltInOperations;

namespace Opto.Trace;

/// <summary>
/// Traced indexing into nodes of lists and dictionaries. They accept any node whose value is a list
/// (<c>List&lt;T&gt;</c>, <c>T[]</c>, <c>IReadOnlyList&lt;T&gt;</c>) or a read-only dictionary.
/// </summary>
public static class CollectionOperators
{
    /// <summary>Traced <c>list[index]</c>; an index out of range becomes an <see cref="ExceptionNode"/>.</summary>
    /// <typeparam name="T">The item type.</typeparam>
    /// <param name="list">The node of the list.</param>
    /// <param name="index">The node of the index.</param>
    /// <returns>The item.</returns>
    public static Node<T> At<T>(this INode<IReadOnlyList<T>> list, Node<int> index) =>
        Traced.Binary(Ops.GetItem, AsNode(list), list.Value, NotNull(index), index.RawValue, static (l, i) => l[i]);

    /// <summary>Traced <c>list[index]</c> with a constant index.</summary>
    /// <typeparam name="T">The item type.</typeparam>
    /// <param name="list">The node of the list.</param>
    /// <param name="index">The index.</param>
    /// <returns>The item.</returns>
    public static Node<T> At<T>(this INode<IReadOnlyList<T>> list, int index) => list.At(Node.Constant(index));

    /// <summary>Traced item count of a list.</summary>
    /// <typeparam name="T">The item type.</typeparam>
    /// <param name="list">The node of the list.</param>
    /// <returns>The count.</returns>
    public static Node<int> Count<T>(this INode<IReadOnlyList<T>> list) =>
        Traced.Unary(Ops.Count, AsNode(list), list.Value, static l => l.Count);

    /// <summary>
    /// The items of a list, each a traced <c>get_item</c> node (like iterating the list in traced code).
    /// The count is read once, untraced; use <see cref="Count{T}(INode{IReadOnlyList{T}})"/> to trace it.
    /// </summary>
    /// <typeparam name="T">The item type.</typeparam>
    /// <param name="list">The node of the list.</param>
    /// <returns>One node per item.</returns>
    public static IEnumerable<Node<T>> Items<T>(this INode<IReadOnlyList<T>> list)
    {
        var count = AsNode(list) is not null ? list.Value.Count : 0;
        for (var i = 0; i < count; i++)
        {
            yield return list.At(i);
        }
    }

    /// <summary>Traced <c>dictionary[key]</c>; a missing key becomes an <see cref="ExceptionNode"/>.</summary>
    /// <typeparam name="TKey">The key type.</typeparam>
    /// <typeparam name="TValue">The value type.</typeparam>
    /// <param name="dictionary">The node of the dictionary.</param>
    /// <param name="key">The node of the key.</param>
    /// <returns>The value.</returns>
    public static Node<TValue> At<TKey, TValue>(this INode<IReadOnlyDictionary<TKey, TValue>> dictionary, Node<TKey> key) =>
        Traced.Binary(Ops.GetItem, AsNode(dictionary), dictionary.Value, NotNull(key), key.RawValue, static (d, k) => d[k]);

    /// <summary>Traced <c>dictionary[key]</c> with a constant key.</summary>
    /// <typeparam name="TKey">The key type.</typeparam>
    /// <typeparam name="TValue">The value type.</typeparam>
    /// <param name="dictionary">The node of the dictionary.</param>
    /// <param name="key">The key.</param>
    /// <returns>The value.</returns>
    public static Node<TValue> At<TKey, TValue>(this INode<IReadOnlyDictionary<TKey, TValue>> dictionary, TKey key) =>
        dictionary.At(Node.Constant(key));

    /// <summary>Traced key test.</summary>
    /// <typeparam name="TKey">The key type.</typeparam>
    /// <typeparam name="TValue">The value type.</typeparam>
    /// <param name="dictionary">The node of the dictionary.</param>
    /// <param name="key">The key.</param>
    /// <returns>Whether the key is present.</returns>
    public static Node<bool> ContainsKey<TKey, TValue>(this INode<IReadOnlyDictionary<TKey, TValue>> dictionary, TKey key) =>
        Traced.Binary(Ops.ContainsKey, AsNode(dictionary), dictionary.Value, Node.Constant(key), key, static (d, k) => d.ContainsKey(k));

    /// <summary>Traced keys of a dictionary.</summary>
    /// <typeparam name="TKey">The key type.</typeparam>
    /// <typeparam name="TValue">The value type.</typeparam>
    /// <param name="dictionary">The node of the dictionary.</param>
    /// <returns>The keys, as a node of a list.</returns>
    public static Node<IReadOnlyList<TKey>> Keys<TKey, TValue>(this INode<IReadOnlyDictionary<TKey, TValue>> dictionary) =>
        Traced.Unary<IReadOnlyDictionary<TKey, TValue>, IReadOnlyList<TKey>>(Ops.Keys, AsNode(dictionary), dictionary.Value, static d => d.Keys.ToArray());

    /// <summary>Traced values of a dictionary.</summary>
    /// <typeparam name="TKey">The key type.</typeparam>
    /// <typeparam name="TValue">The value type.</typeparam>
    /// <param name="dictionary">The node of the dictionary.</param>
    /// <returns>The values, as a node of a list.</returns>
    public static Node<IReadOnlyList<TValue>> Values<TKey, TValue>(this INode<IReadOnlyDictionary<TKey, TValue>> dictionary) =>
        Traced.Unary<IReadOnlyDictionary<TKey, TValue>, IReadOnlyList<TValue>>(Ops.Values, AsNode(dictionary), dictionary.Value, static d => d.Values.ToArray());

    /// <summary>Every <see cref="INode{T}"/> is a node of a graph; the value is read through the covariant view.</summary>
    private static Node AsNode<TView>(INode<TView> node) => node switch
    {
        null => throw new ArgumentNullException(nameof(node)),
        Node n => n,
        _ => throw new ArgumentException($"{node.GetType().Name} is not a node of a trace graph.", nameof(node)),
    };

    private static Node<T> NotNull<T>(Node<T>? node) => node ?? throw new ArgumentNullException(nameof(node));
}
