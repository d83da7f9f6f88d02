using BenchmarkDotNet.Attributes;
using Opto.Trace;

namespace Opto.Benchmarks;

/// <summary>
/// What the source generator's traced overload of a [Bundle] method costs next to calling <see cref="Bundle.Invoke{T1, TResult}"/>
/// by hand with the same body: a chain of <see cref="Length"/> calls in a fresh scope, for a static method of one
/// argument and an instance method of two. Target: the generated call within 2× the time, and no more allocation.
/// </summary>
[MemoryDiagnoser]
public class GeneratedCallBenchmarks
{
    private const int Length = 1000;
    private static readonly Operation Step = new("Step", "One affine step.", ["y"]);
    private static readonly Operation Blend = new("Blend", "Mixes two values.", ["a", "b"]);
    private readonly AffineSteps _steps = new(0.25);

    /// <summary>Hand-written runtime call of a static body: a static lambda, so no delegate per call.</summary>
    [Benchmark(Baseline = true, OperationsPerInvoke = Length)]
    public double Static_RuntimeInvoke()
    {
        using var scope = TraceScope.Begin();
        Node<double> y = Node.Input(1.0);
        for (var i = 0; i < Length; i++)
        {
            y = Bundle.Invoke(Step, y, static v => AffineSteps.Step(v));
        }

        return y.Value;
    }

    /// <summary>The generated overload <c>AffineSteps.Step(Node&lt;double&gt;)</c> of the same body.</summary>
    [Benchmark(OperationsPerInvoke = Length)]
    public double Static_Generated()
    {
        using var scope = TraceScope.Begin();
        Node<double> y = Node.Input(1.0);
        for (var i = 0; i < Length; i++)
        {
            y = AffineSteps.Step(y);
        }

        return y.Value;
    }

    /// <summary>Hand-written runtime call of an instance body: the lambda captures the instance.</summary>
    [Benchmark(OperationsPerInvoke = Length)]
    public double Instance_RuntimeInvoke()
    {
        var steps = _steps;
        using var scope = TraceScope.Begin();
        Node<double> y = Node.Input(1.0);
        var other = Node.Input(2.0);
        for (var i = 0; i < Length; i++)
        {
            y = Bundle.Invoke(Blend, y, other, steps.Blend);
        }

        return y.Value;
    }

    /// <summary>The generated overload <c>AffineSteps.Blend(Node&lt;double&gt;, Node&lt;double&gt;)</c> of the same body.</summary>
    [Benchmark(OperationsPerInvoke = Length)]
    public double Instance_Generated()
    {
        var steps = _steps;
        using var scope = TraceScope.Begin();
        Node<double> y = Node.Input(1.0);
        var other = Node.Input(2.0);
        for (var i = 0; i < Length; i++)
        {
            y = steps.Blend(y, other);
        }

        return y.Value;
    }
}

/// <summary>The bodies both ways of calling share; the generator adds their traced overloads.</summary>
/// <param name="weight">How much of the second value <see cref="Blend(double, double)"/> takes.</param>
public partial class AffineSteps(double weight)
{
    /// <summary>One affine step.</summary>
    [Bundle]
    public static double Step(double y) => (y * 1.0001) + 0.5;

    /// <summary>Mixes two values.</summary>
    [Bundle]
    public double Blend(double a, double b) => (a * (1 - weight)) + (b * weight);
}

/// <summary>
/// What the generated plain <c>…Trained</c> call of a [Trainable] method adds to calling the method itself while its
/// source is unchanged: a version-cached source check and one parameter read.
/// </summary>
[MemoryDiagnoser]
public class TrainedCallBenchmarks
{
    private readonly PriceRules _rules = new();
    private double _price = 100.0;

    /// <summary>The method as declared.</summary>
    [Benchmark(Baseline = true)]
    public double DeclaredMethod() => _rules.Adjust(_price += 0.01);

    /// <summary>The generated <c>AdjustTrained</c>: runs the same compiled body while the source is unchanged.</summary>
    [Benchmark]
    public double TrainedCall_Unchanged() => _rules.AdjustTrained(_price += 0.01);
}
