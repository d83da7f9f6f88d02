using System.Diagnostics;

namespace Opto.Trace.Code.Tests;

/// <summary>Shared limits for tests: short budgets, and a generous bound on how long stopping may take.</summary>
internal static class TestCode
{
    /// <summary>A budget short enough to keep the suite quick.</summary>
    public static readonly CodeExecutionOptions OneSecond = new() { Timeout = TimeSpan.FromSeconds(1), StopGracePeriod = TimeSpan.FromSeconds(3) };

    /// <summary>Stopping runaway code may take this long at most before a test fails (never a tight timing threshold).</summary>
    public static readonly TimeSpan StopsWithin = TimeSpan.FromSeconds(10);

    public static (T Result, TimeSpan Elapsed) Timed<T>(Func<T> action)
    {
        var clock = Stopwatch.StartNew();
        var result = action();
        return (result, clock.Elapsed);
    }

    public static (Exception Error, TimeSpan Elapsed) Fails(Action action)
    {
        var clock = Stopwatch.StartNew();
        try
        {
            action();
        }
        catch (Exception ex)
        {
            return (ex, clock.Elapsed);
        }

        throw new Xunit.Sdk.XunitException("Expected the call to fail, but it returned.");
    }
}

/// <summary>A public type of the host application, for allow-list and signature tests.</summary>
public static class Geometry
{
    public static double Hypot(double a, double b) => Math.Sqrt((a * a) + (b * b));
}

/// <summary>A public record used in a delegate signature.</summary>
public sealed record Point(double X, double Y);
