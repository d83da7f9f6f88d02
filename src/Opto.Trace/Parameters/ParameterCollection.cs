using System.Collections;

namespace Opto.Trace;

/// <summary>
/// A model's parameters by stable key, in declaration order. Keys are unique; saving and loading go through
/// <see cref="ParameterFile"/>.
/// </summary>
public sealed class ParameterCollection : IReadOnlyList<IParameterNode>
{
    private readonly IParameterNode[] _items;
    private readonly Dictionary<string, IParameterNode> _byName;

    /// <summary>Collects parameters.</summary>
    /// <param name="parameters">The parameters; each key may appear once.</param>
    /// <exception cref="ArgumentException">Two parameters share a key.</exception>
    public ParameterCollection(IEnumerable<IParameterNode> parameters)
    {
        ArgumentNullException.ThrowIfNull(parameters);
        _items = [.. parameters];
        _byName = new Dictionary<string, IParameterNode>(_items.Length, StringComparer.Ordinal);
        foreach (var parameter in _items)
        {
            ArgumentNullException.ThrowIfNull(parameter, nameof(parameters));
            if (!_byName.TryAdd(parameter.Name, parameter))
            {
                throw new ArgumentException($"Two parameters share the key '{parameter.Name}'; keys must be unique within a collection.", nameof(parameters));
            }
        }
    }

    /// <inheritdoc />
    public int Count => _items.Length;

    /// <inheritdoc />
    public IParameterNode this[int index] => _items[index];

    /// <summary>The parameter with the given key.</summary>
    /// <param name="name">The key.</param>
    /// <exception cref="KeyNotFoundException">There is no such parameter.</exception>
    public IParameterNode this[string name] =>
        _byName.TryGetValue(name, out var p) ? p : throw new KeyNotFoundException($"There is no parameter '{name}'. Known: {string.Join(", ", _byName.Keys)}.");

    /// <summary>Finds a parameter by key.</summary>
    /// <param name="name">The key.</param>
    /// <param name="parameter">The parameter, when found.</param>
    /// <returns>Whether it was found.</returns>
    public bool TryGet(string name, out IParameterNode parameter) => _byName.TryGetValue(name, out parameter!);

    /// <summary>The trainable parameters.</summary>
    public IEnumerable<IParameterNode> Trainable => _items.Where(p => p.Trainable);

    /// <summary>Forgets the feedback of every parameter.</summary>
    public void ZeroFeedback()
    {
        foreach (var parameter in _items)
        {
            parameter.ZeroFeedback();
        }
    }

    /// <summary>Saves the values to a file (see <see cref="ParameterFile.Save(IEnumerable{IParameterNode}, string, System.Text.Json.JsonSerializerOptions?)"/>).</summary>
    /// <param name="path">The file.</param>
    public void Save(string path) => ParameterFile.Save(this, path);

    /// <summary>Loads values from a file (see <see cref="ParameterFile.Load(IEnumerable{IParameterNode}, string, ParameterLoadOptions?)"/>).</summary>
    /// <param name="path">The file.</param>
    /// <param name="options">How strict to be about missing and unknown keys.</param>
    /// <returns>What was loaded, and warnings.</returns>
    public ParameterLoadResult Load(string path, ParameterLoadOptions? options = null) => ParameterFile.Load(this, path, options);

    /// <inheritdoc />
    public IEnumerator<IParameterNode> GetEnumerator() => ((IEnumerable<IParameterNode>)_items).GetEnumerator();

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();
}
