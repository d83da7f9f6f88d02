using Opto.Cli.Tests.Infrastructure;

namespace Opto.Cli.Tests;

public sealed class RunsShowTests : StoreTest
{
    [Fact]
    public async Task Shows_the_header_one_row_per_step_and_the_changed_parameters()
    {
        var result = await Cli.RunAsync("runs", "show", "alpha");

        Assert.Equal(0, result.ExitCode);
        Assert.Contains("Run alpha: minibatch with OptoPrime, Completed", result.Out);
        Assert.Contains("3 step(s), best score 0.700", result.Out);
        Assert.Contains("ended because: all steps done", result.Out);
        Assert.Matches(@"(?m)^\s*1\s+0\.400\s+0\.500\s+prompt\s+1 \(150 tok\)\s*$", result.Out);
        Assert.Matches(@"(?m)^\s*2\s+0\.600\s+0\.700\s+prompt, temperature\s+-\s*$", result.Out);
        Assert.Matches(@"(?m)^\s*3\s+0\.550\s+0\.650\s+-\s+-\s+no improvement; parameters kept$", result.Out);
        Assert.Matches(@"(?m)^prompt\s+2\s+Answer briefly\.\s+You are a careful assistant", result.Out);
        Assert.Matches(@"(?m)^temperature\s+1\s+0\.7\s+0\.3$", result.Out);
    }

    [Fact]
    public async Task A_run_without_steps_says_so()
    {
        var result = await Cli.RunAsync("runs", "show", "gamma");

        Assert.Equal(0, result.ExitCode);
        Assert.Contains("No steps recorded.", result.Out);
    }

    [Fact]
    public async Task An_unknown_key_lists_the_known_keys()
    {
        var result = await Cli.RunAsync("runs", "show", "delta");

        Assert.Equal(1, result.ExitCode);
        var line = Assert.Single(result.ErrorLines);
        Assert.Contains("There is no run 'delta'", line);
        Assert.Contains("alpha, beta, gamma", line);
        Assert.Equal("", result.Out);
    }
}
