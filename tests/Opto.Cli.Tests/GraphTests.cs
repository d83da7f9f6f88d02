using Opto.Cli.Processes;
using Opto.Cli.Tests.Infrastructure;

namespace Opto.Cli.Tests;

public sealed class GraphTests : StoreTest
{
    [Fact]
    public async Task Writes_the_dot_to_standard_output()
    {
        var result = await Cli.RunAsync("graph", "alpha", "2");

        Assert.Equal(0, result.ExitCode);
        Assert.Equal("digraph step2 { prompt -> answer; temperature -> answer; }\n", result.Out);
    }

    [Fact]
    public async Task Writes_a_dot_file_with_output()
    {
        var result = await Cli.RunAsync("graph", "alpha", "1", "-o", "g/step1.dot");

        Assert.Equal(0, result.ExitCode);
        Assert.Equal("digraph step1 { prompt -> answer; }", await File.ReadAllTextAsync(Folder.File("g/step1.dot")));
    }

    [Fact]
    public async Task Without_graphviz_svg_falls_back_to_the_dot_file_and_says_so()
    {
        var cli = new OptoRunner { CurrentDirectory = Folder.Path, Executables = new PathExecutableLocator(Folder.Path) };

        var result = await cli.RunAsync("graph", "alpha", "1", "-o", "step1.svg");

        Assert.Equal(0, result.ExitCode);
        var line = Assert.Single(result.ErrorLines);
        Assert.Contains("'dot' was not found", line);
        Assert.Contains(Folder.File("step1.dot"), line);
        Assert.True(File.Exists(Folder.File("step1.dot")));
        Assert.False(File.Exists(Folder.File("step1.svg")));
    }

    [Fact]
    public async Task With_graphviz_svg_runs_dot_on_the_graph()
    {
        var launcher = new RecordingLauncher((spec, _) =>
        {
            Assert.Equal("digraph step2 { prompt -> answer; temperature -> answer; }", File.ReadAllText(spec.Arguments[1]));
            File.WriteAllText(spec.Arguments[3], "<svg/>");
            return Task.FromResult(0);
        });
        var cli = new OptoRunner
        {
            CurrentDirectory = Folder.Path,
            Launcher = launcher,
            Executables = new FixedLocator(new() { ["dot"] = "/opt/graphviz/dot" }),
        };

        var result = await cli.RunAsync("graph", "alpha", "2", "--svg");

        Assert.Equal(0, result.ExitCode);
        var spec = Assert.Single(launcher.Started);
        Assert.Equal("/opt/graphviz/dot", spec.FileName);
        Assert.Equal("-Tsvg", spec.Arguments[0]);
        var svg = Folder.File("alpha-step2.svg");
        Assert.Equal(["-o", svg], spec.Arguments.Skip(2));
        Assert.Contains(svg, result.Out);
        Assert.False(File.Exists(spec.Arguments[1]), "the temporary DOT input is removed");
    }

    [Fact]
    public async Task A_failing_dot_is_an_error()
    {
        var cli = new OptoRunner
        {
            CurrentDirectory = Folder.Path,
            Launcher = new RecordingLauncher((_, _) => Task.FromResult(2)),
            Executables = new FixedLocator(new() { ["dot"] = "/opt/graphviz/dot" }),
        };

        var result = await cli.RunAsync("graph", "alpha", "2", "--svg");

        Assert.Equal(1, result.ExitCode);
        Assert.Contains("exit code 2", result.Error);
    }

    [Fact]
    public async Task Real_graphviz_renders_svg_when_installed()
    {
        var locator = new PathExecutableLocator(Environment.GetEnvironmentVariable("PATH"));
        if (locator.Find("dot") is null)
        {
            return; // Graphviz is optional; the fallback is covered above.
        }

        var cli = new OptoRunner { CurrentDirectory = Folder.Path, Executables = locator, Launcher = new ChildProcessLauncher(TimeSpan.FromSeconds(5)) };

        var result = await cli.RunAsync("graph", "alpha", "2", "-o", "real.svg");

        Assert.Equal(0, result.ExitCode);
        var svg = await File.ReadAllTextAsync(Folder.File("real.svg"));
        Assert.Contains("<svg", svg);
        Assert.Contains("temperature", svg);
    }

    [Fact]
    public async Task A_step_without_a_graph_names_the_steps_that_have_one()
    {
        var result = await Cli.RunAsync("graph", "alpha", "3");

        Assert.Equal(1, result.ExitCode);
        Assert.Contains("kept no graph for step 3; steps with a graph: 1, 2", Assert.Single(result.ErrorLines));
    }

    [Fact]
    public async Task A_step_out_of_range_is_an_error()
    {
        var result = await Cli.RunAsync("graph", "alpha", "7");

        Assert.Equal(1, result.ExitCode);
        Assert.Contains("has no step 7", result.Error);
    }

    [Fact]
    public void The_path_lookup_finds_only_executable_files()
    {
        var bin = Folder.File("bin");
        Directory.CreateDirectory(bin);
        File.WriteAllText(Path.Combine(bin, "dot"), "#!/bin/sh\n");
        var locator = new PathExecutableLocator($"/nonexistent{Path.PathSeparator}{bin}");
        if (!OperatingSystem.IsWindows())
        {
            Assert.Null(locator.Find("dot"));
            File.SetUnixFileMode(Path.Combine(bin, "dot"), UnixFileMode.UserRead | UnixFileMode.UserExecute);
        }

        Assert.Equal(Path.Combine(bin, "dot"), locator.Find("dot"));
    }
}
