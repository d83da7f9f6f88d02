namespace Opto.Optimizers;

/// <summary>
/// A tiny seeded random-number generator whose whole state is one 64-bit number, so that it can be written into a
/// run's state and restored exactly on resume (<see cref="Random"/> cannot be saved). SplitMix64 (Steele, Lea and
/// Flood) is fast and good enough for shuffling and sampling; it is not for cryptography.
/// </summary>
internal sealed class SplitMix64
{
    /// <summary>Creates a generator from a seed.</summary>
    /// <param name="state">The seed, or a state saved from <see cref="State"/>.</param>
    public SplitMix64(ulong state) => State = state;

    /// <summary>The whole state; save it to resume the sequence.</summary>
    public ulong State { get; private set; }

    /// <summary>Continues from a state saved from <see cref="State"/>.</summary>
    public void Restore(ulong state) => State = state;

    /// <summary>The next 64 random bits.</summary>
    public ulong NextUInt64()
    {
        var z = State += 0x9E3779B97F4A7C15UL;
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
        return z ^ (z >> 31);
    }

    /// <summary>A uniform integer in [0, <paramref name="maxExclusive"/>), without modulo bias.</summary>
    public int NextInt(int maxExclusive)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(maxExclusive);
        var bound = (ulong)maxExclusive;
        var threshold = (0UL - bound) % bound;
        while (true)
        {
            var r = NextUInt64();
            if (r >= threshold)
            {
                return (int)(r % bound);
            }
        }
    }

    /// <summary>Shuffles a span in place (Fisher–Yates).</summary>
    public void Shuffle<T>(Span<T> items)
    {
        for (var i = items.Length - 1; i > 0; i--)
        {
            var j = NextInt(i + 1);
            (items[i], items[j]) = (items[j], items[i]);
        }
    }
}
