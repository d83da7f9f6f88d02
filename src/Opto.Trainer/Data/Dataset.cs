using System.Collections;
using System.Globalization;

using Opto.Optimizers;

namespace Opto.Trainer;

/// <summary>
/// An ordered list of examples with unique, stable ids. Datasets are immutable; <see cref="Shuffled"/>,
/// <see cref="Split"/> and <see cref="Take"/> return new ones and keep the ids, so run records stay comparable.
/// </summary>
/// <typeparam name="TInput">The type of the inputs.</typeparam>
/// <typeparam name="TExpected">The type of the expected answers.</typeparam>
public sealed class Dataset<TInput, TExpected> : IReadOnlyList<Example<TInput, TExpected>>
{
    private readonly Example<TInput, TExpected>[] _examples;

    /// <summary>Creates a dataset.</summary>
    /// <param name="examples">The examples; ids must be non-empty and unique.</param>
    /// <param name="name">A name for messages and records, e.g. the file it came from.</param>
    /// <exception cref="ArgumentException">An id is empty or appears twice.</exception>
    public Dataset(IEnumerable<Example<TInput, TExpected>> examples, string? name = null)
    {
        ArgumentNullException.ThrowIfNull(examples);
        _examples = [.. examples];
        Name = name;
        var ids = new HashSet<string>(_examples.Length, StringComparer.Ordinal);
        for (var i = 0; i < _examples.Length; i++)
        {
            var example = _examples[i] ?? throw new ArgumentException($"Example {i} of dataset '{DisplayName}' is null.", nameof(examples));
            if (string.IsNullOrWhiteSpace(example.Id))
            {
                throw new ArgumentException($"Example {i} of dataset '{DisplayName}' has an empty id; every example needs a stable id.", nameof(examples));
            }

            if (!ids.Add(example.Id))
            {
                throw new ArgumentException($"Dataset '{DisplayName}' has two examples with the id '{example.Id}'; ids must be unique.", nameof(examples));
            }
        }
    }

    /// <summary>The dataset's name, when it has one.</summary>
    public string? Name { get; }

    /// <inheritdoc />
    public int Count => _examples.Length;

    /// <inheritdoc />
    public Example<TInput, TExpected> this[int index] => _examples[index];

    private string DisplayName => Name ?? "(unnamed)";

    /// <summary>The same examples in an order that depends only on <paramref name="seed"/>.</summary>
    /// <param name="seed">The seed.</param>
    /// <returns>The shuffled dataset.</returns>
    public Dataset<TInput, TExpected> Shuffled(ulong seed)
    {
        Example<TInput, TExpected>[] copy = [.. _examples];
        new SplitMix64(seed).Shuffle(copy.AsSpan());
        return new Dataset<TInput, TExpected>(copy, Name);
    }

    /// <summary>Splits the examples in two after a seeded shuffle, e.g. into training and validation sets.</summary>
    /// <param name="firstFraction">The share of examples in the first part, strictly between 0 and 1.</param>
    /// <param name="seed">The seed of the shuffle.</param>
    /// <returns>The two parts; neither is empty.</returns>
    /// <exception cref="ArgumentOutOfRangeException">The fraction is not strictly between 0 and 1.</exception>
    /// <exception cref="InvalidOperationException">The dataset has fewer than two examples.</exception>
    public (Dataset<TInput, TExpected> First, Dataset<TInput, TExpected> Second) Split(double firstFraction, ulong seed)
    {
        if (!(firstFraction > 0 && firstFraction < 1))
        {
            throw new ArgumentOutOfRangeException(nameof(firstFraction), firstFraction, "The fraction must be strictly between 0 and 1.");
        }

        if (_examples.Length < 2)
        {
            throw new InvalidOperationException($"Dataset '{DisplayName}' has {_examples.Length} example(s); a split needs at least two.");
        }

        var shuffled = Shuffled(seed)._examples;
        var firstCount = Math.Clamp((int)Math.Round(shuffled.Length * firstFraction), 1, shuffled.Length - 1);
        return (new Dataset<TInput, TExpected>(shuffled[..firstCount], Name), new Dataset<TInput, TExpected>(shuffled[firstCount..], Name));
    }

    /// <summary>The first <paramref name="count"/> examples (all of them when there are fewer).</summary>
    /// <param name="count">How many to keep; at least 1.</param>
    /// <returns>The smaller dataset.</returns>
    public Dataset<TInput, TExpected> Take(int count)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(count);
        return new Dataset<TInput, TExpected>(_examples.Take(count), Name);
    }

    /// <inheritdoc />
    public IEnumerator<Example<TInput, TExpected>> GetEnumerator() => ((IEnumerable<Example<TInput, TExpected>>)_examples).GetEnumerator();

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

    internal static string IndexId(int index) => index.ToString(CultureInfo.InvariantCulture);
}
