using Opto.Trace;
using Opto.TorchSharp;
using TorchSharp;

namespace Opto.TorchSharp.Tests;

public sealed class StudentDatasetTests
{
    private static readonly float[][] Rows = [[0, 1], [1, 0], [1, 1], [0, 0]];

    [Fact]
    public void A_dataset_renders_as_a_summary_not_as_rows()
    {
        var data = StudentDataset.Create(Rows, [0, 1, 1, 2], ["cat", "dog", "eel"], ["a", "b", "b", "b"]);

        Assert.Equal("4 examples × 2 features; 3 classes ('cat' 1, 'dog' 2, 'eel' 1); skills ('a' 1, 'b' 3)", data.ToString());
        Assert.Equal(data.ToString(), ValueFormatter.Format(data));
    }

    [Fact]
    public void Class_names_default_to_the_labels()
    {
        var data = StudentDataset.Create(Rows, [0, 1, 1, 0]);

        Assert.Equal(["0", "1"], data.ClassNames);
        Assert.Null(data.Skills);
        Assert.Equal(8, data.Features.Length);
    }

    [Fact]
    public void Inconsistent_inputs_are_refused_with_the_example_named()
    {
        var ragged = Assert.Throws<ArgumentException>(() => StudentDataset.Create([[0, 1], [1]], [0, 1]));
        var label = Assert.Throws<ArgumentException>(() => StudentDataset.Create(Rows, [0, 1, 5, 0], ["a", "b"]));
        var nan = Assert.Throws<ArgumentException>(() => StudentDataset.Create([[0, 1], [float.NaN, 0]], [0, 1]));
        var skills = Assert.Throws<ArgumentException>(() => StudentDataset.Create(Rows, [0, 1, 1, 0], skills: ["a"]));

        Assert.StartsWith("Every feature row must have 2 values; row 1 has 1.", ragged.Message, StringComparison.Ordinal);
        Assert.StartsWith("The label of example 2 is 5, outside 0..1 (2 classes).", label.Message, StringComparison.Ordinal);
        Assert.StartsWith("Feature 0 of example 1 is NaN; features must be finite.", nan.Message, StringComparison.Ordinal);
        Assert.StartsWith("4 examples need 4 skill tags, got 1.", skills.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Split_is_seeded_and_keeps_every_example_once()
    {
        var data = SyntheticData.Blobs(100);

        var (train, validation) = data.Split(0.2, seed: 7);
        var (again, _) = data.Split(0.2, seed: 7);

        Assert.Equal(80, train.Count);
        Assert.Equal(20, validation.Count);
        Assert.Equal(train.Features.ToArray(), again.Features.ToArray());
        Assert.Equal(data.Labels.Order(), train.Labels.Concat(validation.Labels).Order());
        Assert.Equal(data.ClassNames, validation.ClassNames);
    }

    [Fact]
    public void Concat_adds_a_teachers_examples_and_may_add_classes()
    {
        var first = StudentDataset.Create(Rows[..2], [0, 1], ["a", "b"], ["x", "x"]);
        var more = StudentDataset.Create(Rows[2..], [2, 0], ["a", "b", "c"], ["y", "y"]);

        var all = first.Concat(more);

        Assert.Equal(4, all.Count);
        Assert.Equal(["a", "b", "c"], all.ClassNames);
        Assert.Equal([0, 1, 2, 0], all.Labels);
        Assert.Equal(["x", "x", "y", "y"], all.Skills!);
        Assert.Throws<ArgumentException>(() => first.Concat(StudentDataset.Create(Rows, [0, 1, 0, 1], ["b", "a"], ["x", "x", "x", "x"])));
    }

    [Fact]
    public void Tensors_are_copied_in()
    {
        using var features = torch.tensor(new double[] { 1, 2, 3, 4, 5, 6 }, [3, 2]);
        using var labels = torch.tensor(new long[] { 0, 1, 0 });

        var data = StudentDataset.FromTensors(features, labels);

        Assert.Equal([1f, 2, 3, 4, 5, 6], data.Features.ToArray());
        Assert.Equal([0, 1, 0], data.Labels);
        Assert.Equal(2, data.FeatureCount);
    }
}
