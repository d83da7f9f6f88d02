using Opto.Runs.CrashHost;
using Opto.Trainer.Runs;
using Xunit.Abstractions;

namespace Opto.Runs.Tests;

/// <summary>
/// Kills a real training process at random moments (some inside a step's open transaction), resumes it until it
/// finishes, and checks that the store then holds exactly what an uninterrupted run writes.
/// </summary>
public sealed class CrashResumeTests(ITestOutputHelper output) : IDisposable
{
    private const int Steps = 20;
    private const int PauseMs = 3;
    private const int KillsPerRound = 4;

    private static readonly RunExportOptions Comparable = new() { OmitTimings = true };

    private readonly TempDirectory _temp = new();

    public void Dispose() => _temp.Dispose();

    [Theory]
    [InlineData(11)]
    [InlineData(23)]
    [InlineData(47)]
    public void A_run_killed_at_random_moments_and_resumed_stores_what_an_uninterrupted_run_stores(int seed)
    {
        var expected = UninterruptedExport();
        var path = _temp.File($"crashed-{seed}.db");
        var random = new Random(seed);
        var kills = new List<string>();

        for (var kill = 0; kill < KillsPerRound; kill++)
        {
            var done = CompletedSteps(path);
            if (kill % 2 == 1 && done < Steps)
            {
                kills.Add(KillInsideTransaction(path, done + 1 + random.Next(Math.Min(3, Steps - done))));
            }
            else
            {
                kills.Add(KillAtRandom(path, random));
            }
        }

        using (var host = CrashHostProcess.Start(path, Steps, PauseMs, holdAtStep: 0))
        {
            Assert.Equal(0, host.WaitForExit());
        }

        output.WriteLine($"seed {seed}: {string.Join("; ", kills)}");
        using var store = RunStore.Open(path);
        Assert.Equal(RunStatus.Completed, store.FindRun(DeterministicDriver.RunKey)!.Status);
        Assert.Equal(expected, store.ExportJson(DeterministicDriver.RunKey, Comparable));
    }

    private string UninterruptedExport()
    {
        var path = _temp.File("uninterrupted.db");
        using (var host = CrashHostProcess.Start(path, Steps, PauseMs, holdAtStep: 0))
        {
            Assert.Equal(0, host.WaitForExit());
        }

        using var store = RunStore.Open(path);
        Assert.Equal(Steps, store.FindRun(DeterministicDriver.RunKey)!.Steps);
        return store.ExportJson(DeterministicDriver.RunKey, Comparable);
    }

    /// <summary>Kills the host while it holds step <paramref name="step"/>'s transaction open, and checks the step is not in the store.</summary>
    private static string KillInsideTransaction(string path, int step)
    {
        using (var host = CrashHostProcess.Start(path, Steps, PauseMs, holdAtStep: step))
        {
            Assert.True(host.WaitFor($"holding {step}"), $"The host never reached step {step}'s commit. Its errors: {host.Errors}");
            host.Kill();
        }

        Assert.Equal(step - 1, CompletedSteps(path));
        return $"inside step {step}";
    }

    /// <summary>Kills the host after a random delay, sometimes before it even opened the run.</summary>
    private static string KillAtRandom(string path, Random random)
    {
        using var host = CrashHostProcess.Start(path, Steps, PauseMs, holdAtStep: 0);
        var afterBegin = random.Next(3) > 0;
        if (afterBegin && !host.WaitFor("begun"))
        {
            return "none (the host ended first)";
        }

        var delay = random.Next(afterBegin ? 120 : 400);
        Thread.Sleep(delay);
        host.Kill();
        return $"{delay} ms after {(afterBegin ? "begin" : "start")}, at {CompletedSteps(path)} steps";
    }

    private static int CompletedSteps(string path)
    {
        if (!File.Exists(path))
        {
            return 0;
        }

        using var store = RunStore.Open(path);
        return store.FindRun(DeterministicDriver.RunKey)?.Steps ?? 0;
    }
}
