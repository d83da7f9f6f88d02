namespace Opto.Trainer.Tests;

public class SamplingTests
{
    [Fact]
    public void Every_epoch_visits_every_example_once_in_batches()
    {
        var sampler = new BatchSampler(count: 10, batchSize: 4, shuffle: true, seed: 3);

        var epoch1 = new[] { sampler.Next(), sampler.Next(), sampler.Next() };
        var epoch2 = new[] { sampler.Next(), sampler.Next(), sampler.Next() };

        Assert.Equal([4, 4, 2], epoch1.Select(b => b.Length));
        Assert.Equal(Enumerable.Range(0, 10), epoch1.SelectMany(b => b).Order());
        Assert.Equal(Enumerable.Range(0, 10), epoch2.SelectMany(b => b).Order());
        Assert.NotEqual(epoch1.SelectMany(b => b), epoch2.SelectMany(b => b));
        Assert.Equal(2, sampler.Epoch);
    }

    [Fact]
    public void Without_shuffling_batches_follow_the_dataset_order()
    {
        var sampler = new BatchSampler(count: 5, batchSize: 2, shuffle: false, seed: 3);

        Assert.Equal([0, 1], sampler.Next());
        Assert.Equal([2, 3], sampler.Next());
        Assert.Equal([4], sampler.Next());
        Assert.Equal([0, 1], sampler.Next());
    }

    [Fact]
    public void A_saved_sampler_continues_with_the_same_batches()
    {
        var original = new BatchSampler(count: 7, batchSize: 3, shuffle: true, seed: 42);
        original.Next();
        original.Next();
        var state = original.Save();
        var expected = Enumerable.Range(0, 6).Select(_ => original.Next()).ToArray();

        var restored = new BatchSampler(count: 7, batchSize: 3, shuffle: true, seed: 999);
        restored.Load(state);

        Assert.Equal(expected, Enumerable.Range(0, 6).Select(_ => restored.Next()).ToArray());
    }
}
