using Opto.Optimizers;

namespace Opto.Trainer;

/// <summary>
/// Deals training examples in minibatches, epoch after epoch, each epoch in a fresh seeded order (or in dataset
/// order when shuffling is off). Its state is a handful of numbers, saved with every step so a resumed run draws
/// the same batches.
/// </summary>
internal sealed class BatchSampler
{
    private readonly int _count;
    private readonly int _batchSize;
    private readonly bool _shuffle;
    private readonly SplitMix64 _random;
    private int[] _order = [];

    public BatchSampler(int count, int batchSize, bool shuffle, ulong seed)
    {
        _count = count;
        _batchSize = Math.Min(batchSize, count);
        _shuffle = shuffle;
        _random = new SplitMix64(seed);
        Position = count; // the first call starts epoch 1
    }

    /// <summary>Completed or started epochs (0 before the first batch).</summary>
    public int Epoch { get; private set; }

    /// <summary>Where the next batch starts in the current epoch's order.</summary>
    public int Position { get; private set; }

    /// <summary>The seed that produced the current epoch's order.</summary>
    public ulong EpochSeed { get; private set; }

    public SamplerState Save() => new(_random.State, Epoch, Position, EpochSeed);

    public void Load(SamplerState state)
    {
        _random.Restore(state.RandomState);
        Epoch = state.Epoch;
        Position = state.Position;
        EpochSeed = state.EpochSeed;
        _order = Epoch > 0 ? OrderFor(EpochSeed) : [];
    }

    /// <summary>The indices of the next batch; a batch never spans two epochs, so the last one of an epoch may be smaller.</summary>
    public int[] Next()
    {
        if (Position >= _count)
        {
            Epoch++;
            Position = 0;
            EpochSeed = _random.NextUInt64();
            _order = OrderFor(EpochSeed);
        }

        var take = Math.Min(_batchSize, _count - Position);
        var batch = _order.AsSpan(Position, take).ToArray();
        Position += take;
        return batch;
    }

    private int[] OrderFor(ulong seed)
    {
        var order = new int[_count];
        for (var i = 0; i < order.Length; i++)
        {
            order[i] = i;
        }

        if (_shuffle)
        {
            new SplitMix64(seed).Shuffle(order.AsSpan());
        }

        return order;
    }
}

/// <summary>The saved state of a <see cref="BatchSampler"/>.</summary>
internal sealed record SamplerState(ulong RandomState, int Epoch, int Position, ulong EpochSeed);
