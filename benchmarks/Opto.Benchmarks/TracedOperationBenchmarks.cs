using BenchmarkDotNet.Attributes;
using Opto.Trace;

namespace Opto.Benchmarks;

/// <summary>
/// The cost of tracing one operation against the plain call it wraps. Each invocation runs a chain of
/// <see cref="Length"/> steps in a fresh scope, so graph growth and its garbage are part of the price, as in
/// the Python reference's forward benchmarks (cases a and b).
/// </summary>
[MemoryDiagnoser]
public class TracedOperationBenchmarks
{
    private const int Length = 1000;
    private static readonly Operation Affine = new("affine", "y * 1.0001 + 0.5", ["y"]);

    /// <summary>Plain double arithmetic: the floor.</summary>
    [Benchmark(Baseline = true, OperationsPerInvoke = Length)]
    public double PlainAffine()
    {
        var y = 1.0;
        for (var i = 0; i < Length; i++)
        {
            y = Step(y);
        }

        return y;
    }

    /// <summary>Python case a: two traced operators per step (multiply, add) and two constants.</summary>
    [Benchmark(OperationsPerInvoke = Length)]
    public double TracedOperatorsAffine()
    {
        using var scope = TraceScope.Begin();
        Node<double> y = Node.Input(1.0);
        for (var i = 0; i < Length; i++)
        {
            y = y * 1.0001 + 0.5;
        }

        return y.Value;
    }

    /// <summary>One traced binary operator on two nodes, no constants: the cheapest traced operation.</summary>
    [Benchmark(OperationsPerInvoke = Length)]
    public double TracedAdd()
    {
        using var scope = TraceScope.Begin();
        var one = Node.Input(1.0);
        var y = one;
        for (var i = 0; i < Length; i++)
        {
            y += one;
        }

        return y.Value;
    }

    /// <summary>Python case b: the affine step as one bundle call (one MessageNode per call).</summary>
    [Benchmark(OperationsPerInvoke = Length)]
    public double BundleCallAffine()
    {
        using var scope = TraceScope.Begin();
        Node<double> y = Node.Input(1.0);
        for (var i = 0; i < Length; i++)
        {
            y = Bundle.Invoke(Affine, y, static v => Step(v));
        }

        return y.Value;
    }

    /// <summary>A bundle call whose body reads a parameter (recorded as an extra input).</summary>
    [Benchmark(OperationsPerInvoke = Length)]
    public double BundleCallReadingParameter()
    {
        var factor = Factor;
        using var scope = TraceScope.Begin();
        Node<double> y = Node.Input(1.0);
        for (var i = 0; i < Length; i++)
        {
            y = Bundle.Invoke(Affine, y, v => v * factor.Value);
        }

        return y.Value;
    }

    private static readonly ParameterNode<double> Factor = new(1.0001, "factor");

    private static double Step(double y) => (y * 1.0001) + 0.5;
}
