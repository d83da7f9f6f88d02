namespace Opto.Optimizers.Tests;

public class SplitMix64Tests
{
    [Fact]
    public void SplitMix64_produces_the_published_sequence()
    {
        // The first outputs for seed 0 from the reference implementation (Vigna, splitmix64.c).
        var random = new SplitMix64(0);

        Assert.Equal(0xE220A8397B1DCDAFUL, random.NextUInt64());
        Assert.Equal(0x6E789E6AA1B965F4UL, random.NextUInt64());
    }
}
