namespace Opto.Trainer.Tests;

public class DatasetTests
{
    [Fact]
    public void From_gives_position_ids_in_order()
    {
        var data = Dataset.From([("a", 1), ("b", 2)]);

        Assert.Equal(["0", "1"], data.Select(e => e.Id));
        Assert.Equal(new Example<string, int>("1", "b", 2), data[1]);
    }

    [Fact]
    public void Duplicate_ids_are_refused_with_the_id_named()
    {
        var error = Assert.Throws<ArgumentException>(() => new Dataset<string, int>([new("x", "a", 1), new("x", "b", 2)], "tickets"));

        Assert.Contains("'x'", error.Message, StringComparison.Ordinal);
        Assert.Contains("tickets", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Shuffled_depends_only_on_the_seed_and_keeps_ids_with_their_examples()
    {
        var data = Problems.Data(20);

        var once = data.Shuffled(7).Select(e => e.Id).ToArray();
        var again = data.Shuffled(7).Select(e => e.Id).ToArray();
        var other = data.Shuffled(8).Select(e => e.Id).ToArray();

        Assert.Equal(once, again);
        Assert.NotEqual(once, other);
        Assert.Equal(data.Select(e => e.Id).Order(), once.Order());
        Assert.All(data.Shuffled(7), e => Assert.Equal(3 * e.Input, e.Expected));
    }

    [Fact]
    public void Split_partitions_the_examples()
    {
        var (train, validation) = Problems.Data(10).Split(0.7, seed: 1);

        Assert.Equal(7, train.Count);
        Assert.Equal(3, validation.Count);
        Assert.Empty(train.Select(e => e.Id).Intersect(validation.Select(e => e.Id)));
    }

    [Fact]
    public void Split_refuses_a_fraction_outside_zero_to_one()
    {
        var error = Assert.Throws<ArgumentOutOfRangeException>(() => Problems.Data(10).Split(1.5, 0));

        Assert.Contains("1.5", error.Message, StringComparison.Ordinal);
    }
}
