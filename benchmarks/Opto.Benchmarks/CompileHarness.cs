using System.Diagnostics;
using System.Globalization;
using Opto.Trace;

namespace Opto.Benchmarks;

/// <summary>
/// How long a changed body of a generated [Trainable] method takes before it runs: the first one in a fresh process
/// (Roslyn loads and warms up; each sample is its own child process), then the median over distinct changed bodies
/// in a warm process. Each sample sets a new source, as an optimizer does, and calls the generated
/// <c>AdjustTrained</c>, so compile, sandbox check, load and the budgeted run are all included.
/// Targets: first &lt; 1.5 s, later &lt; 50 ms.
/// </summary>
internal static class CompileHarness
{
    private const int FreshProcesses = 5;
    private const int ChangedBodies = 30;

    public static int Run()
    {
        Console.WriteLine($"Trainable-method compile harness — {DateTime.UtcNow:yyyy-MM-dd HH:mm} UTC, {Environment.ProcessorCount} CPUs, .NET {Environment.Version}, load {LoadAverage()}");

        var firsts = new List<double>();
        for (var i = 0; i < FreshProcesses; i++)
        {
            var info = new ProcessStartInfo(Environment.ProcessPath!, "compile-first") { RedirectStandardOutput = true, UseShellExecute = false };
            using var child = Process.Start(info)!;
            var output = child.StandardOutput.ReadToEnd().Trim();
            child.WaitForExit();
            firsts.Add(double.Parse(output.Split(' ')[0], CultureInfo.InvariantCulture));
        }

        Console.WriteLine($"first changed body, fresh process ({FreshProcesses} processes): median {Median(firsts):0} ms (min {firsts.Min():0}, max {firsts.Max():0})");

        var rules = new PriceRules();
        Measure(rules, -1); // this process's own first compile, not counted
        var walls = new List<double>();
        var compiles = new List<double>();
        for (var i = 0; i < ChangedBodies; i++)
        {
            var (wall, compile) = Measure(rules, i);
            walls.Add(wall);
            compiles.Add(compile);
        }

        Console.WriteLine($"changed body, warm process ({ChangedBodies} distinct bodies): median {Median(walls):0.0} ms until it ran " +
            $"(compile alone {Median(compiles):0.0} ms; max {walls.Max():0.0} ms)");
        Console.WriteLine($"load after: {LoadAverage()}");
        return 0;
    }

    /// <summary>The child process: one changed body, printed as milliseconds.</summary>
    public static int First()
    {
        var (wall, compile) = Measure(new PriceRules(), 0);
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
