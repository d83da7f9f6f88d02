using Opto.Cli.Commands;
using Opto.Cli.Processes;
using Opto.Cli.Projects;
using Opto.Cli.Tests.Infrastructure;
using Opto.Reporting;
using Opto.Runs;
using Opto.Trainer.Runs;

namespace Opto.Cli.Tests;

public sealed class RunCommandTests : StoreTest
{
    private string MakeRepository()
    {
        File.WriteAllText(Folder.File("Trace.sln"), "");
        foreach (var name in new[] { "03-TraceBasics", "04-NumericOptimization", "12-NumericOptimizationLarge" })
        {
            var folder = Folder.File(Path.Combine("examples", name));
            Directory.CreateDirectory(folder);
            File.WriteAllText(Path.Combine(folder, name + ".csproj"), "<Project />");
        }

        Directory.CreateDirectory(Folder.File("examples/notes"));
        var nested = Folder.File("src/deep");
        Directory.CreateDirectory(nested);
        return nested;
    }

    [Theory]
    [InlineData("04")]
    [InlineData("4")]
    [InlineData("NumericOptimization")]
    [InlineData("numericoptimization")]
    [InlineData("04-NumericOptimization")]
    public void Examples_are_found_by_number_or_name_from_anywhere_in_the_repository(string target)
    {
        var from = MakeRepository();

        Assert.Equal(Folder.File("examples/04-NumericOptimization"), ProjectLocator.Resolve(target, from));
    }

    [Fact]
    public void A_project_path_is_taken_as_it_is()
    {
        var from = MakeRepository();

        Assert.Equal(Folder.File("examples/03-TraceBasics"), ProjectLocator.Resolve("../../examples/03-TraceBasics", from));
        var file = Folder.File("examples/03-TraceBasics/03-TraceBasics.csproj");
        Assert.Equal(file, ProjectLocator.Resolve(file, from));
    }

    [Fact]
    public void An_unknown_example_lists_the_examples()
    {
        var from = MakeRepository();

        var error = Assert.Throws<CliException>(() => ProjectLocator.Resolve("Battleship", from));

        Assert.Contains("03-TraceBasics, 04-NumericOptimization, 12-NumericOptimizationLarge", error.Message);
        Assert.DoesNotContain("notes", error.Message);
    }

    [Fact]
    public void Outside_a_repository_a_name_that_is_no_path_is_explained()
    {
        var error = Assert.Throws<CliException>(() => ProjectLocator.Resolve("04", Folder.Path));

        Assert.Contains("no Trace.sln above", error.Message);
    }

    [Fact]
    public void The_child_is_dotnet_run_with_the_store_in_its_environment()
    {
        var spec = RunCommand.Compose("/repo/examples/04-NumericOptimization", ["--steps", "5", "a b"], "/data/runs.db", "/work");

        Assert.Equal("dotnet", spec.FileName);
        Assert.Equal(["run", "--project", "/repo/examples/04-NumericOptimization", "--", "--steps", "5", "a b"], spec.Arguments);
        Assert.Equal("/work", spec.WorkingDirectory);
        Assert.Equal("/data/runs.db", spec.Environment[RunStoreLocation.EnvironmentVariable]);
        Assert.Equal("dotnet run --project /repo/examples/04-NumericOptimization -- --steps 5 \"a b\"", spec.ToString());
        Assert.DoesNotContain("--", RunCommand.Compose("/p", [], "/db", "/w").Arguments);
    }

    [Fact]
    public async Task Runs_the_example_then_summarises_only_the_runs_it_recorded_and_returns_its_exit_code()
    {
        var from = MakeRepository();
        var launcher = new RecordingLauncher(async (spec, cancellationToken) =>
        {
            // Play the example: write a run to the store the environment names.
            using var store = RunStore.Open(spec.Environment[RunStoreLocation.EnvironmentVariable]);
            var journal = store.OpenJournal();
            await journal.BeginAsync(new RunStart
            {
                RunKey = "numeric",
                Algorithm = "search",
                Optimizer = "NumericSearch",
                Parameters = [SampleStore.Snapshot("x", "1.0", 0, "double")],
            }, cancellationToken);
            await journal.RecordStepAsync(new StepRecord
            {
                Number = 1,
                Score = 0.875,
                Parameters = [SampleStore.Snapshot("x", "2.5", 1, "double")],
                Changes = [new ParameterChange("x", "1.0", "2.5", "too small", "step up")],
            }, cancellationToken);
            await journal.CompleteAsync(new RunEnd(RunStatus.Completed, 0.875, null), cancellationToken);
            return 3;
        });
        var cli = new OptoRunner { CurrentDirectory = from, Launcher = launcher };

        var result = await cli.RunAsync("run", "04", "--db", StorePath, "--", "--steps", "5");

        Assert.Equal(3, result.ExitCode);
        var spec = Assert.Single(launcher.Started);
        Assert.Equal(["run", "--project", Folder.File("examples/04-NumericOptimization"), "--", "--steps", "5"], spec.Arguments);
        Assert.Equal(StorePath, spec.Environment[RunStoreLocation.EnvironmentVariable]);
        Assert.Contains("Run numeric: search with NumericSearch, Completed", result.Out);
        Assert.Matches(@"(?m)^x\s+1\s+1\.0\s+2\.5$", result.Out);
        Assert.DoesNotContain("Run alpha", result.Out);
        Assert.Contains("exited with code 3", Assert.Single(result.ErrorLines));
    }

    [Fact]
    public async Task A_run_that_records_nothing_says_so_and_the_default_store_is_under_the_current_directory()
    {
        var from = MakeRepository();
        var launcher = new RecordingLauncher((_, _) => Task.FromResult(0));

        var result = await new OptoRunner { CurrentDirectory = from, Launcher = launcher }.RunAsync("run", "TraceBasics");

        Assert.Equal(0, result.ExitCode);
        var expected = RunStore.DefaultPath(from);
        Assert.Equal(expected, Assert.Single(launcher.Started).Environment[RunStoreLocation.EnvironmentVariable]);
        Assert.Contains($"No run was recorded or changed in {expected}.", result.Out);
        Assert.Equal("", result.Error);
    }

    [Fact]
    public async Task A_foreign_store_is_refused_before_the_program_starts()
    {
        var from = MakeRepository();
        var garbage = Folder.File("garbage.db");
        await File.WriteAllTextAsync(garbage, new string('z', 2048));
        var launcher = new RecordingLauncher((_, _) => Task.FromResult(0));

        var result = await new OptoRunner { CurrentDirectory = from, Launcher = launcher }.RunAsync("run", "04", "--db", garbage);

        Assert.Equal(1, result.ExitCode);
        Assert.Contains("is not a SQLite database", result.Error);
        Assert.Empty(launcher.Started);
    }

    [Fact]
    public async Task Cancelling_returns_130()
    {
        var from = MakeRepository();
        using var cancel = new CancellationTokenSource();
        var launcher = new RecordingLauncher(async (_, token) =>
        {
            await cancel.CancelAsync();
            token.ThrowIfCancellationRequested();
            return 0;
        });

        var result = await new OptoRunner { CurrentDirectory = from, Launcher = launcher }.RunAsync(cancel.Token, "run", "04");

        Assert.Equal(130, result.ExitCode);
        Assert.Contains("cancelled", result.Error);
    }

    [Fact]
    public async Task The_real_launcher_passes_arguments_and_environment_and_returns_the_exit_code()
    {
        if (OperatingSystem.IsWindows())
        {
            return;
        }

        var seen = Folder.File("seen.txt");
        var spec = new ProcessSpec(
            "/bin/sh",
            ["-c", "printf '%s|%s' \"$OPTO_RUNS_DB\" \"$1\" > \"$0\"; exit 3", seen, "two words"],
            Folder.Path,
            new Dictionary<string, string> { [RunStoreLocation.EnvironmentVariable] = "/tmp/some store.db" });

        var exitCode = await new ChildProcessLauncher(TimeSpan.FromSeconds(5)).RunAsync(spec, CancellationToken.None);

        Assert.Equal(3, exitCode);
        Assert.Equal("/tmp/some store.db|two words", await File.ReadAllTextAsync(seen));
    }

    [Fact]
    public async Task The_real_launcher_kills_a_child_that_does_not_stop_after_cancellation()
    {
        if (OperatingSystem.IsWindows())
        {
            return;
        }

        using var cancel = new CancellationTokenSource();
        var spec = new ProcessSpec("/bin/sh", ["-c", "sleep 60"], Folder.Path, new Dictionary<string, string>());
        var run = new ChildProcessLauncher(TimeSpan.FromMilliseconds(100)).RunAsync(spec, cancel.Token);
        await cancel.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => run);
    }

    [Fact]
    public async Task A_program_that_cannot_start_is_one_error_line()
    {
        var spec = new ProcessSpec("/nonexistent/opto-test-program", [], Folder.Path, new Dictionary<string, string>());

        var error = await Assert.ThrowsAsync<CliException>(() => new ChildProcessLauncher(TimeSpan.FromSeconds(1)).RunAsync(spec, CancellationToken.None));

        Assert.Contains("Could not start '/nonexistent/opto-test-program'", error.Message);
    }
}
