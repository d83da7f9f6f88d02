using System.Diagnostics;
using System.Globalization;
using Opto.Trace;
using Opto.Trace.Code;

namespace Opto.Benchmarks;

/// <summary>
/// How long a changed body of a generated [Trainable] method takes before it runs: the first one in a fresh process
/// (Roslyn loads and the JIT compiles it; each sample is its own child process), then the median over distinct changed
/// bodies in a warm process. Each sample sets a new source, as an optimizer does, and calls the generated
/// <c>AdjustTrained</c>, so compile, sandbox check, load and the budgeted run are all included.
/// </summary>
/// <remarks>
/// The first compile is measured in three situations. <b>No warm-up</b>: <see cref="CodeCompiler.WarmUpAutomatically"/>
/// is off, the model is created and the clock starts as the body is set (the cold cost of the whole pipeline).
/// <b>Warm-up, proposed after one run</b>: the model runs once with its declared body (which creates the trainable
/// method and so starts the background warm-up), and the optimizer's body arrives straight away; this is the least
/// time a real optimizer step can leave, since it needs the run's output and feedback first. <b>Warm-up, proposed
/// after N ms</b>: the same with a pause standing for the optimizer's own work (building the prompt and waiting for
/// the LLM's reply, which takes seconds for a code-writing model). In every case the clock starts when the body is set.
/// Targets: first &lt; 1.5 s, later &lt; 50 ms.
/// </remarks>
internal static class CompileHarness
{
    private const int ChangedBodies = 30;

    private static readonly string[] Scenarios = ["no-warm-up", "after-one-run", "after-500ms", "after-2000ms"];

    public static int Run(bool quick)
    {
        Console.WriteLine($"Trainable-method compile harness — {DateTime.UtcNow:yyyy-MM-dd HH:mm} UTC, {Environment.ProcessorCount} CPUs, .NET {Environment.Version}, load {LoadAverage()}");

        // Scenarios alternate, so that a change in the machine's load affects all of them alike.
        var freshProcesses = quick ? 3 : 7;
        var firsts = Scenarios.ToDictionary(s => s, _ => new List<double>());
        var compiles = Scenarios.ToDictionary(s => s, _ => new List<double>());
        for (var i = 0; i < freshProcesses; i++)
        {
            foreach (var scenario in Scenarios)
            {
                var info = new ProcessStartInfo(Environment.ProcessPath!) { RedirectStandardOutput = true, UseShellExecute = false };
                info.ArgumentList.Add("compile-first");
                info.ArgumentList.Add(scenario);
                using var child = Process.Start(info)!;
                var output = child.StandardOutput.ReadToEnd().Trim().Split(' ');
                child.WaitForExit();
                firsts[scenario].Add(double.Parse(output[0], CultureInfo.InvariantCulture));
                compiles[scenario].Add(double.Parse(output[1], CultureInfo.InvariantCulture));
            }
        }

        foreach (var scenario in Scenarios)
        {
            var walls = firsts[scenario];
            Console.WriteLine($"first changed body, fresh process, {scenario,-14} ({freshProcesses} processes): median {Median(walls):0} ms until it ran " +
                $"(min {walls.Min():0}, max {walls.Max():0}; compile alone {Median(compiles[scenario]):0} ms)");
        }

        Console.WriteLine($"load after the fresh processes: {LoadAverage()}");
        var rules = new PriceRules();
        Measure(rules, -1); // this process's own first compile, not counted
        var warmWalls = new List<double>();
        var warmCompiles = new List<double>();
        for (var i = 0; i < ChangedBodies; i++)
        {
            var (wall, compile) = Measure(rules, i);
            warmWalls.Add(wall);
            warmCompiles.Add(compile);
        }

        Console.WriteLine($"changed body, warm process ({ChangedBodies} distinct bodies): median {Median(warmWalls):0.0} ms until it ran " +
            $"(compile alone {Median(warmCompiles):0.0} ms; max {warmWalls.Max():0.0} ms)");
        Console.WriteLine($"load after: {LoadAverage()}");
        return 0;
    }

    /// <summary>The child process: one changed body in the given scenario, printed as milliseconds.</summary>
    public static int First(string scenario)
    {
        if (scenario == "no-warm-up")
        {
            CodeCompiler.WarmUpAutomatically = false;
        }

        var rules = new PriceRules();
        if (scenario != "no-warm-up")
        {
            // One run with the declared body: it creates the trainable method (starting the warm-up) and needs no compile.
            _ = rules.AdjustTrained(100.0);
        }

        if (scenario.StartsWith("after-", StringComparison.Ordinal) && scenario.EndsWith("ms", StringComparison.Ordinal))
        {
            Thread.Sleep(int.Parse(scenario["after-".Length..^2], CultureInfo.InvariantCulture));
        }

        var (wall, compile) = Measure(rules, 0);
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{wall:0.0} {compile:0.0}"));
        return 0;
    }

    private static (double Wall, double Compile) Measure(PriceRules rules, int variant)
    {
        var factor = (1.0 + ((variant + 2) * 0.001)).ToString("R", CultureInfo.InvariantCulture);
        var clock = Stopwatch.StartNew();
        rules.AdjustMethod.Code.Value = $$"""
            public double Adjust(double price)
            {
                var adjusted = price * {{factor}};
                return Math.Round(adjusted, 2);
            }
            """;
        var result = rules.AdjustTrained(100.0);
        var wall = clock.Elapsed.TotalMilliseconds;
        if (result <= 0)
        {
            throw new InvalidOperationException("The changed body did not run.");
        }

        return (wall, rules.AdjustMethod.Compile().CompileTime.TotalMilliseconds);
    }

    private static double Median(List<double> values)
    {
        var sorted = values.Order().ToList();
        return sorted.Count % 2 == 1 ? sorted[sorted.Count / 2] : (sorted[(sorted.Count / 2) - 1] + sorted[sorted.Count / 2]) / 2;
    }

    private static string LoadAverage()
    {
        try
        {
            return File.ReadAllText("/proc/loadavg").Split(' ')[0];
        }
        catch (IOException)
        {
            return "?";
        }
    }
}

/// <summary>A model with one trainable method, whose generated members the harness drives.</summary>
public partial class PriceRules
{
    /// <summary>Adjusts a price.</summary>
    [Trainable]
    public double Adjust(double price) => Math.Round(price, 2);
}
