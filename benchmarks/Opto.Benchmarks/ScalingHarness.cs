using System.Diagnostics;
using System.Globalization;
using System.Text;
using Opto.Trace;

namespace Opto.Benchmarks;

/// <summary>
/// Builds each shape at growing sizes and times forward (building the graph), backward, and the per-parameter
/// view an optimizer renders; reports medians, bytes per node and fitted growth exponents as a markdown table.
/// </summary>
internal static class ScalingHarness
{
    public static void Run(bool quick)
    {
        var report = new StringBuilder();
        report.AppendLine(CultureInfo.InvariantCulture, $"Scaling harness — {DateTime.UtcNow:yyyy-MM-dd HH:mm} UTC, {Environment.ProcessorCount} CPUs, .NET {Environment.Version}, load {LoadAverage()}");
        report.AppendLine();
        foreach (var shape in GraphShapes.All(quick))
        {
            report.AppendLine(CultureInfo.InvariantCulture, $"### {shape.Name}: {shape.Description}");
            report.AppendLine();
            report.AppendLine("| N | nodes | forward | backward | view | backward + view | bytes/node | heap after (MB) | reps |");
            report.AppendLine("|---|---|---|---|---|---|---|---|---|");
            var points = new List<(int N, double Forward, double Backward, double View)>();
            foreach (var n in shape.Sizes)
            {
                var m = Measure(shape, n);
                points.Add((n, m.Forward, m.Backward, m.View));
                report.AppendLine(CultureInfo.InvariantCulture,
                    $"| {n:N0} | {m.Nodes:N0} | {Time(m.Forward)} | {Time(m.Backward)} | {Time(m.View)} | {Time(m.Backward + m.View)} | {m.BytesPerNode:N0} | {m.HeapMb:N0} | {m.Reps} |");
                Console.Out.Flush();
            }

            report.AppendLine();
            report.AppendLine(CultureInfo.InvariantCulture,
                $"Growth exponents (t ∝ N^k, points ≥ 1 ms): forward {Exponent(points, p => p.Forward)}, backward {Exponent(points, p => p.Backward)}, view {Exponent(points, p => p.View)}.");
            report.AppendLine();
            Console.Write(report.ToString());
            report.Clear();
        }
    }

    /// <summary>
    /// One JSON line per (shape, size) for the side-by-side script: medians in seconds, as the Python
    /// reference's tbench.py reports them.
    /// </summary>
    public static void Compare(IEnumerable<string> requests)
    {
        var shapes = GraphShapes.All(quick: false).ToDictionary(s => s.Name);
        foreach (var request in requests)
        {
            var parts = request.Split(':');
            var shape = shapes[parts[0]];
            var n = int.Parse(parts[1], CultureInfo.InvariantCulture);
            var m = Measure(shape, n);
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"{{\"shape\": \"{shape.Name}\", \"n\": {n}, \"nodes\": {m.Nodes}, \"forward\": {m.Forward:R}, \"backward\": {m.Backward:R}, \"view\": {m.View:R}, \"bytes_per_node\": {m.BytesPerNode}}}"));
        }
    }

    private static Measurement Measure(GraphShape shape, int n)
    {
        var reps = n >= 500_000 ? 3 : n >= 50_000 ? 5 : 7;
        var forward = new List<double>();
        var backward = new List<double>();
        var view = new List<double>();
        long nodes = 0, bytes = 0, heap = 0;
        Run(shape, Math.Min(n, 100), out _, out _, out _, out _, out _, out _); // warm-up (JIT)
        for (var r = 0; r < reps; r++)
        {
            Run(shape, n, out var f, out var b, out var v, out var count, out var used, out var after);
            forward.Add(f);
            backward.Add(b);
            view.Add(v);
            nodes = count;
            bytes = used;
            heap = Math.Max(heap, after);
        }

        return new Measurement(Median(forward), Median(backward), Median(view), nodes, nodes == 0 ? 0 : bytes / nodes, heap / (1024.0 * 1024.0), reps);
    }

    private static void Run(GraphShape shape, int n, out double forward, out double backward, out double view,
        out long nodes, out long bytesUsed, out long heapAfter)
    {
        GC.Collect();
        GC.WaitForPendingFinalizers();
        GC.Collect();
        var before = GC.GetTotalMemory(forceFullCollection: true);
        using var scope = TraceScope.Begin(shape.Name);
        var clock = Stopwatch.StartNew();
        var (output, parameters) = shape.Build(n);
        forward = clock.Elapsed.TotalSeconds;

        // Parameters live outside the graph: count them as nodes too.
        nodes = scope.Graph.Count + parameters.Length;
        bytesUsed = GC.GetTotalMemory(forceFullCollection: true) - before;

        clock.Restart();
        output.Backward("the output is off by a mile");
        backward = clock.Elapsed.TotalSeconds;

        clock.Restart();
        var subgraph = TraceSubgraph.For(parameters);
        view = clock.Elapsed.TotalSeconds;
        if (subgraph.Nodes.Count == 0)
        {
            throw new InvalidOperationException("the view is empty");
        }

        heapAfter = GC.GetTotalMemory(forceFullCollection: false);
        foreach (var p in parameters)
        {
            p.ZeroFeedback();
        }
    }

    private static double Median(List<double> values)
    {
        values.Sort();
        return values.Count % 2 == 1 ? values[values.Count / 2] : (values[(values.Count / 2) - 1] + values[values.Count / 2]) / 2;
    }

    private static string Exponent(List<(int N, double Forward, double Backward, double View)> points, Func<(int N, double Forward, double Backward, double View), double> pick)
    {
        var usable = points.Where(p => pick(p) >= 1e-3).Select(p => (X: Math.Log(p.N), Y: Math.Log(pick(p)))).ToList();
        if (usable.Count < 2)
        {
            return "–";
        }

        var mx = usable.Average(p => p.X);
        var my = usable.Average(p => p.Y);
        var slope = usable.Sum(p => (p.X - mx) * (p.Y - my)) / usable.Sum(p => (p.X - mx) * (p.X - mx));
        return slope.ToString("0.00", CultureInfo.InvariantCulture);
    }

    private static string Time(double seconds) => seconds switch
    {
        >= 1 => string.Create(CultureInfo.InvariantCulture, $"{seconds:0.00} s"),
        >= 1e-3 => string.Create(CultureInfo.InvariantCulture, $"{seconds * 1e3:0.00} ms"),
        _ => string.Create(CultureInfo.InvariantCulture, $"{seconds * 1e6:0.0} µs"),
    };

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

    private sealed record Measurement(double Forward, double Backward, double View, long Nodes, long BytesPerNode, double HeapMb, int Reps);
}
