using Opto.Cli.Tests.Infrastructure;

namespace Opto.Cli.Tests;

public sealed class RunsDiffTests : StoreTest
{
    [Fact]
    public async Task Two_runs_side_by_side_mark_the_parameters_that_differ()
    {
        var result = await Cli.RunAsync("runs", "diff", "alpha", "beta");

        Assert.Equal(0, result.ExitCode);
        Assert.Contains("Parameters: alpha (step 3) vs beta (step 1)", result.Out);
        Assert.Matches(@"(?m)^\*\s+prompt\s+You are a careful assistant.*\s+Answer briefly\.$", result.Out);
        Assert.Matches(@"(?m)^\*\s+temperature\s+0\.3\s+0\.9$", result.Out);
        Assert.Matches(@"(?m)^score\s+0\.550\s+0\.200$", result.Out);
        Assert.Matches(@"(?m)^validation\s+0\.650\s+-$", result.Out);
        Assert.Contains("2 of 2 parameter(s) differ.", result.Out);
    }

    [Fact]
    public async Task Two_steps_of_one_run_mark_only_what_changed_between_them()
    {
        var result = await Cli.RunAsync("runs", "diff", "alpha", "--steps", "0", "1");

        Assert.Equal(0, result.ExitCode);
        Assert.Contains("Parameters: alpha@0 vs alpha@1", result.Out);
        Assert.Matches(@"(?m)^\*\s+prompt\s+Answer briefly\.\s+Answer with the unit\.$", result.Out);
        Assert.Matches(@"(?m)^\s+temperature\s+0\.7\s+0\.7$", result.Out);
        Assert.Contains("1 of 2 parameter(s) differ.", result.Out);
    }

    [Fact]
    public async Task Full_shows_whole_values()
    {
        var brief = await Cli.RunAsync("runs", "diff", "alpha", "beta");
        var full = await Cli.RunAsync("runs", "diff", "alpha", "beta", "--full");

        Assert.DoesNotContain(SampleStore.LongPrompt, brief.Out);
        Assert.Contains("…", brief.Out);
        Assert.Contains(SampleStore.LongPrompt, full.Out);
    }

    [Theory]
    [InlineData("alpha")]
    [InlineData("alpha", "beta", "--steps", "1", "2")]
    public async Task Wrong_combinations_of_keys_and_steps_are_explained(params string[] args)
    {
        var result = await Cli.RunAsync(["runs", "diff", .. args]);

        Assert.Equal(1, result.ExitCode);
        Assert.Contains("--steps", Assert.Single(result.ErrorLines));
    }

    [Fact]
    public async Task A_step_out_of_range_names_the_range()
    {
        var result = await Cli.RunAsync("runs", "diff", "alpha", "--steps", "0", "9");

        Assert.Equal(1, result.ExitCode);
        Assert.Contains("has no step 9; its steps are 0 to 3", Assert.Single(result.ErrorLines));
    }
}
