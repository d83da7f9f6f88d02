using System.Text.Json;
using Opto.Cli.Tests.Infrastructure;

namespace Opto.Cli.Tests;

public sealed class RunsExportTests : StoreTest
{
    [Fact]
    public async Task Writes_json_to_standard_output_that_holds_the_steps()
    {
        var result = await Cli.RunAsync("runs", "export", "alpha");

        Assert.Equal(0, result.ExitCode);
        using var document = JsonDocument.Parse(result.Out);
        Assert.Equal("opto-run", document.RootElement.GetProperty("format").GetString());
        var steps = document.RootElement.GetProperty("steps");
        Assert.Equal(3, steps.GetArrayLength());
        Assert.Contains(SampleStore.LongPrompt, result.Out);
    }

    [Fact]
    public async Task Writes_a_file_with_output_and_can_leave_timings_out()
    {
        var result = await Cli.RunAsync("runs", "export", "alpha", "-o", "out/alpha.json", "--omit-timings");

        Assert.Equal(0, result.ExitCode);
        var path = Folder.File("out/alpha.json");
        Assert.Contains(path, result.Out);
        var json = await File.ReadAllTextAsync(path);
        using var document = JsonDocument.Parse(json);
        Assert.Equal(3, document.RootElement.GetProperty("steps").GetArrayLength());
        Assert.DoesNotContain("2026-11-20", json);
    }

    [Fact]
    public async Task An_unknown_key_leaves_no_file_behind()
    {
        var result = await Cli.RunAsync("runs", "export", "delta", "-o", "delta.json");

        Assert.Equal(1, result.ExitCode);
        Assert.Contains("alpha, beta, gamma", result.Error);
        Assert.False(File.Exists(Folder.File("delta.json")));
    }
}
