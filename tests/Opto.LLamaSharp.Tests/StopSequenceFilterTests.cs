namespace Opto.LLamaSharp.Tests;

public class StopSequenceFilterTests
{
    [Fact]
    public void Text_passes_until_a_stop_sequence_split_over_pieces_appears()
    {
        var filter = new StopSequenceFilter(["\nUser:"]);

        Assert.Equal("Hello", filter.Push("Hello"));
        Assert.Equal(" world", filter.Push(" world\nUs"));
        Assert.False(filter.Stopped);
        Assert.Equal("", filter.Push("er: next"));
        Assert.True(filter.Stopped);
        Assert.Equal("", filter.Flush());
    }

    [Fact]
    public void A_held_back_tail_that_was_not_a_stop_sequence_is_released()
    {
        var filter = new StopSequenceFilter(["END"]);

        Assert.Equal("ab", filter.Push("abE"));
        Assert.Equal("Ex", filter.Push("x"));
        Assert.Equal("", filter.Push("EN"));
        Assert.Equal("EN", filter.Flush());
    }

    [Fact]
    public void The_earliest_of_several_stop_sequences_wins()
    {
        var filter = new StopSequenceFilter(["xyz", "b"]);
        Assert.Equal("a", filter.Push("abxyz"));
        Assert.True(filter.Stopped);
    }
}
