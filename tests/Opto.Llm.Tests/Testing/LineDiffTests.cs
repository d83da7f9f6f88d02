using Opto.Testing;

namespace Opto.Llm.Tests.Testing;

public class LineDiffTests
{
    [Fact]
    public void Changed_lines_are_marked_and_long_unchanged_runs_are_elided()
    {
        string[] recorded = [.. Enumerable.Range(1, 20).Select(i => $"line {i}")];
        var actual = recorded.ToArray();
        actual[9] = "line ten";

        var diff = LineDiff.Format(recorded, actual, context: 2);

        Assert.Equal(2, LineDiff.Distance(recorded, actual));
        Assert.Equal(
            """
              ... (7 unchanged lines)
              line 8
              line 9
            - line 10
            + line ten
              line 11
              line 12
              ... (8 unchanged lines)

            """.ReplaceLineEndings(),
            diff);
    }

    [Fact]
    public void Insertions_and_deletions_are_aligned()
    {
        var diff = LineDiff.Format(["a", "b", "c"], ["a", "c", "d"]);

        Assert.Equal($"  a{Environment.NewLine}- b{Environment.NewLine}  c{Environment.NewLine}+ d{Environment.NewLine}", diff);
    }
}
