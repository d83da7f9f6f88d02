using System.Globalization;

namespace Opto.Optimizers.Baselines;

/// <summary>
/// xoshiro256** seeded through SplitMix64. The searches use it instead of <see cref="Random"/> because its whole
/// state is four numbers that can be written out and compared, and its output is fixed by the algorithm rather
/// than by the runtime version, so a seed means the same proposals everywhere.
/// </summary>
internal sealed class SearchRandom
{
    private ulong _s0;
    private ulong _s1;
    private ulong _s2;
    private ulong _s3;

    public SearchRandom(long seed)
    {
        // SplitMix64 spreads any seed, 0 included, over the four words; xoshiro must not start from all zeros.
        var mix = new SplitMix64(unchecked((ulong)seed));
        _s0 = mix.NextUInt64();
        _s1 = mix.NextUInt64();
        _s2 = mix.NextUInt64();
        _s3 = mix.NextUInt64();
    }

    public string State => string.Create(CultureInfo.InvariantCulture, $"{_s0:x16}{_s1:x16}{_s2:x16}{_s3:x16}");

    public ulong NextUInt64()
    {
        var result = unchecked(RotateLeft(_s1 * 5, 7) * 9);
        var t = _s1 << 17;
        _s2 ^= _s0;
        _s3 ^= _s1;
        _s1 ^= _s2;
        _s0 ^= _s3;
        _s2 ^= t;
        _s3 = RotateLeft(_s3, 45);
        return result;
    }

    /// <summary>A uniform number in [0, 1) with 53 random bits.</summary>
    public double NextDouble() => (NextUInt64() >> 11) * (1.0 / (1UL << 53));

    /// <summary>A uniform integer in [0, <paramref name="count"/>), without modulo bias.</summary>
    public int NextInt(int count)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(count, 1);
        var bound = (ulong)count;
        var limit = ulong.MaxValue - (ulong.MaxValue % bound);
        ulong draw;
        do
        {
            draw = NextUInt64();
        }
        while (draw >= limit);
        return (int)(draw % bound);
    }

    /// <summary>A standard normal number (Box–Muller; the second value is dropped so the state stays four words).</summary>
    public double NextGaussian()
    {
        var u1 = 1.0 - NextDouble(); // in (0, 1], so the logarithm is finite
        var u2 = NextDouble();
        return Math.Sqrt(-2.0 * Math.Log(u1)) * Math.Cos(2.0 * Math.PI * u2);
    }

    private static ulong RotateLeft(ulong x, int k) => (x << k) | (x >> (64 - k));
}
