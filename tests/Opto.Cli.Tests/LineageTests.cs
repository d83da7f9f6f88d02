using Opto.Cli.Tests.Infrastructure;

namespace Opto.Cli.Tests;

public sealed class LineageTests : StoreTest
{
    [Fact]
    public async Task Lists_every_version_oldest_first_with_its_feedback_and_reason()
    {
        var result = await Cli.RunAsync("lineage", "alpha", "prompt");

        Assert.Equal(0, result.ExitCode);
        Assert.Contains("Lineage of 'prompt' in run 'alpha': 3 version(s)", result.Out);
        var start = result.Out.IndexOf("step 0, version 0 (initial value)", StringComparison.Ordinal);
        var first = result.Out.IndexOf("step 1, version 1", StringComparison.Ordinal);
        var second = result.Out.IndexOf("step 2, version 2", StringComparison.Ordinal);
        Assert.True(start >= 0 && start < first && first < second, result.ToString());
        Assert.Contains("  value: Answer with the unit.", result.Out);
        Assert.Contains("  feedback: The answer lacked a unit.", result.Out);
        Assert.Contains("  reason: Ask for units explicitly.", result.Out);
        Assert.Contains("  feedback: Sources were never cited.", result.Out);
        Assert.DoesNotContain(SampleStore.LongPrompt, result.Out);
        Assert.Contains("…", result.Out);
    }

    [Fact]
    public async Task Full_shows_the_whole_value()
    {
        var result = await Cli.RunAsync("lineage", "alpha", "prompt", "--full");

        Assert.Contains($"  value: {SampleStore.LongPrompt}", result.Out);
    }

    [Fact]
    public async Task A_terminal_gets_a_table_with_the_same_content()
    {
        var result = await new OptoRunner { CurrentDirectory = Folder.Path, Rich = true }.RunAsync("lineage", "alpha", "temperature");

        Assert.Equal(0, result.ExitCode);
        Assert.Contains('╭', result.Out);
        Assert.Contains("Answers varied between runs.", result.Out);
        Assert.Contains("Lower the temperature.", result.Out);
    }

    [Fact]
    public async Task An_unknown_parameter_lists_the_parameters()
    {
        var result = await Cli.RunAsync("lineage", "alpha", "tone");

        Assert.Equal(1, result.ExitCode);
        var line = Assert.Single(result.ErrorLines);
        Assert.Contains("no parameter 'tone'", line);
        Assert.Contains("prompt, temperature", line);
    }
}
