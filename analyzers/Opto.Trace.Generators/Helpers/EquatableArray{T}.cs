using System;
using System.Collections;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;

namespace Opto.Trace.Generators.Helpers;

/// <summary>
/// An immutable array compared by its items, so that pipeline models holding lists stay equal across runs and the
/// incremental generator can skip unchanged work (an <see cref="ImmutableArray{T}"/> compares by reference).
/// </summary>
/// <typeparam name="T">The item type, itself equatable.</typeparam>
internal readonly struct EquatableArray<T> : IEquatable<EquatableArray<T>>, IReadOnlyList<T>
    where T : IEquatable<T>
{
    private readonly T[]? _items;

    public EquatableArray(ImmutableArray<T> items)
    {
        _items = items.IsDefaultOrEmpty ? null : items.ToArray();
    }

    public EquatableArray(IEnumerable<T> items)
    {
        var array = new List<T>(items).ToArray();
        _items = array.Length == 0 ? null : array;
    }

    public static EquatableArray<T> Empty => default;

    public int Count => _items?.Length ?? 0;

    public bool IsEmpty => Count == 0;

    public T this[int index] => _items is null ? throw new ArgumentOutOfRangeException(nameof(index)) : _items[index];

    public static bool operator ==(EquatableArray<T> left, EquatableArray<T> right) => left.Equals(right);

    public static bool operator !=(EquatableArray<T> left, EquatableArray<T> right) => !left.Equals(right);

    public bool Equals(EquatableArray<T> other)
    {
        if (Count != other.Count)
        {
            return false;
        }

        for (var i = 0; i < Count; i++)
        {
            if (!EqualityComparer<T>.Default.Equals(_items![i], other._items![i]))
            {
                return false;
            }
        }

        return true;
    }

    public override bool Equals(object? obj) => obj is EquatableArray<T> other && Equals(other);

    public override int GetHashCode()
    {
        var hash = 17;
        if (_items is not null)
        {
            foreach (var item in _items)
            {
                hash = unchecked((hash * 31) + (item is null ? 0 : item.GetHashCode()));
            }
        }

        return hash;
    }

    public IEnumerator<T> GetEnumerator() => ((IEnumerable<T>)(_items ?? Array.Empty<T>())).GetEnumerator();

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();
}

/// <summary>Shorthands for making <see cref="EquatableArray{T}"/>s.</summary>
internal static class EquatableArray
{
    public static EquatableArray<T> ToEquatableArray<T>(this IEnumerable<T> items)
        where T : IEquatable<T> => new(items);
}
