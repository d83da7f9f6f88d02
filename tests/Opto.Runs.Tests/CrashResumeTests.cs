using Opto.Trainer.Runs;
using Xunit.Abstractions;

namespace Opto.Runs.Tests;

/// <summary>
/// Kills a real training process (the crash host: the trainer with a search optimizer, journaled to a store) at random
/// moments — before it opened the run, between steps, inside a step's open transaction, before the run's end — resumes
/// it until it finishes, and checks that the store then holds exactly what an uninterrupted run writes and that the
/// trainer ends with the same best values.
/// </summary>
public sealed class CrashResumeTests(CrashResumeTests.UninterruptedRuns uninterrupted, ITestOutputHelper output)
    : IClassFixture<CrashResumeTests.UninterruptedRuns>, IDisposable
{
    // LineFit.RunKey in the crash host.
    private const string RunKey = "line-fit";
    private const int Steps = 12;
    private const int PauseMs = 10;

    private static readonly RunExportOptions Comparable = new() { OmitTimings = true };

    private readonly TempDirectory _temp = new();

    public void Dispose() => _temp.Dispose();

    [Theory]
    [InlineData(11, "minibatch", false)]
    [InlineData(23, "minibatch", true)]
    [InlineData(47, "minibatch", false)]
    [InlineData(11, "search", true)]
    [InlineData(23, "search", false)]
    [InlineData(47, "search", false)]
    public void A_run_killed_at_random_moments_and_resumed_stores_what_an_uninterrupted_run_stores(int seed, string algorithm, bool killBeforeEnd)
    {
        var expected = uninterrupted.Get(algorithm);
        var path = _temp.File($"crashed-{algorithm}-{seed}.db");
        var random = new Random(seed);
        var kills = new List<string>
        {
            KillAtRandom(path, algorithm, random),
            KillInsideTransaction(path, algorithm, random),
            KillAtRandom(path, algorithm, random),
            KillInsideTransaction(path, algorithm, random),
        };
        if (killBeforeEnd)
        {
            kills.Add(KillBeforeEnd(path, algorithm));
        }

        output.WriteLine($"seed {seed}, {algorithm}: {string.Join("; ", kills)}");
        var resumeAfter = CompletedSteps(path);
        string? best;
        using (var host = CrashHostProcess.Start(path, algorithm, Steps, PauseMs, hold: "0"))
        {
            Assert.Equal($"begun {resumeAfter}", host.WaitFor("begun"));
            best = host.WaitFor("best ");
            Assert.Equal(0, host.WaitForExit());
        }

        Assert.Equal(expected.Best, best);
        using var store = RunStore.Open(path);
        Assert.Equal(RunStatus.Completed, store.FindRun(RunKey)!.Status);
        Assert.Equal(expected.Export, store.ExportJson(RunKey, Comparable));
    }

    /// <summary>
    /// Kills the host after a random delay from its start (sometimes before it opened the run), from the run's begin,
    /// or from a random step's commit. A fresh process is slow to its first step (the runtime compiles the trainer),
    /// so kills timed from the start or the begin mostly land before it; kills timed from a step land between or
    /// inside later steps. The host holds inside the last step, so however long the delay it cannot finish the run.
    /// </summary>
    private static string KillAtRandom(string path, string algorithm, Random random)
    {
        var done = CompletedSteps(path);
        using var host = CrashHostProcess.Start(path, algorithm, Steps, PauseMs, hold: Steps.ToString());
        var moment = random.Next(3);
        var after = "start";
        if (moment == 2 && done < Steps - 1)
        {
            after = $"step {done + 1 + random.Next(Steps - 1 - done)}";
            Assert.NotNull(host.WaitFor(after));
        }
        else if (moment > 0)
        {
            after = "begin";
            Assert.NotNull(host.WaitFor("begun"));
        }

        var delay = random.Next(after == "start" ? 400 : 20);
        Thread.Sleep(delay);
        host.Kill();
        return $"{delay} ms after {after}, at {CompletedSteps(path)} steps";
    }

    /// <summary>Kills the host while it holds a random later step's transaction open, and checks the step is not in the store.</summary>
    private static string KillInsideTransaction(string path, string algorithm, Random random)
    {
        var done = CompletedSteps(path);
        var step = done + 1 + random.Next(Steps - done);
        using (var host = CrashHostProcess.Start(path, algorithm, Steps, PauseMs, hold: step.ToString()))
        {
            Assert.True(host.WaitFor($"holding {step}") is not null, $"The host never reached step {step}'s commit. Its errors: {host.Errors}");
            host.Kill();
        }

        Assert.Equal(step - 1, CompletedSteps(path));
        using var store = RunStore.Open(path);
        Assert.Throws<KeyNotFoundException>(() => store.GetStep(RunKey, step));
        return $"inside step {step}";
    }

    /// <summary>Kills the host after its last step but before the run's end is written: the run must stay open and resume to its end.</summary>
    private static string KillBeforeEnd(string path, string algorithm)
    {
        using (var host = CrashHostProcess.Start(path, algorithm, Steps, PauseMs, hold: "end"))
        {
            Assert.True(host.WaitFor("holding end") is not null, $"The host never reached the run's end. Its errors: {host.Errors}");
            host.Kill();
        }

        using var store = RunStore.Open(path);
        var run = store.FindRun(RunKey)!;
        Assert.Equal((RunStatus.Running, Steps), (run.Status, run.Steps));
        return "before the end";
    }

    private static int CompletedSteps(string path)
    {
        if (!File.Exists(path))
        {
            return 0;
        }

        using var store = RunStore.Open(path);
        return store.FindRun(RunKey)?.Steps ?? 0;
    }

    /// <summary>What an uninterrupted run of each algorithm stores and prints; run once per algorithm for the whole class.</summary>
    public sealed class UninterruptedRuns : IDisposable
    {
        private readonly TempDirectory _temp = new();
        private readonly Dictionary<string, Lazy<(string Export, string Best)>> _runs = new(StringComparer.Ordinal);

        public (string Export, string Best) Get(string algorithm)
        {
            Lazy<(string Export, string Best)>? run;
            lock (_runs)
            {
                if (!_runs.TryGetValue(algorithm, out run))
                {
                    // A Lazy keeps a failure too, so every test of the algorithm reports the first cause rather
                    // than tripping over the half-written store it left.
                    run = new Lazy<(string Export, string Best)>(() => Run(algorithm));
                    _runs[algorithm] = run;
                }
            }

            return run.Value;
        }

        public void Dispose() => _temp.Dispose();

        private (string Export, string Best) Run(string algorithm)
        {
            var path = _temp.File($"uninterrupted-{algorithm}.db");
            string? best;
            using (var host = CrashHostProcess.Start(path, algorithm, Steps, PauseMs, hold: "0"))
            {
                Assert.Equal("begun 0", host.WaitFor("begun"));
                best = host.WaitFor("best ");
                Assert.Equal(0, host.WaitForExit());
            }

            Assert.NotNull(best);
            using var store = RunStore.Open(path);
            Assert.Equal(Steps, store.FindRun(RunKey)!.Steps);
            // A run whose parameters barely moved would match after a resume that lost the search's state; this one
            // must move every parameter more than once for the comparison to mean something.
            foreach (var parameter in new[] { "slope", "intercept", "rounding" })
            {
                Assert.True(store.GetLineage(RunKey, parameter).Count > 2, $"{algorithm}: '{parameter}' changed too little to test resuming.");
            }

            return (store.ExportJson(RunKey, Comparable), best);
        }
    }
}
