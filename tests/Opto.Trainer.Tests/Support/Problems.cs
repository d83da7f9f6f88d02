using System.Globalization;
using System.Text.Json;
using Opto.Testing;
using Opto.Trace;
using Opto.Trainer.Runs;

namespace Opto.Trainer.Tests;

/// <summary>Small training problems: learn the factor a in y = a·x, where the right answer is 3.</summary>
internal static class Problems
{
    public static ParameterNode<double> Factor(double initial = 1.0) =>
        new(initial, "a", "The factor every input is multiplied by.", ParameterConstraints.Range(-100, 100));

    /// <summary>y = a · x, traced.</summary>
    public static Func<double, Node<double>> Multiply(ParameterNode<double> a) => x => a * Node.Input(x, "x");

    public static Dataset<double, double> Data(int count, string? name = null) =>
        Dataset.From(Enumerable.Range(1, count).Select(i => ((double)i, 3.0 * i)), name);

    /// <summary>1 when within 0.01, else 0 with "too small/too large" feedback.</summary>
    public static Guide<double, double, double> ToleranceGuide() => Guide.NumericTolerance<double>(0.01);

    /// <summary>Graded score: higher the closer a·x is to 3·x, so searches have something to climb.</summary>
    public static Guide<double, double, double> ClosenessGuide() =>
        Guide.From<double, double, double>((x, y, expected) => new GuideResult(-Math.Abs(y - expected) / x, $"off by {y - expected:0.###}"));

    /// <summary>
    /// An OptoPrime answer per call, chosen by the call's index (plus an offset, so a resumed run's fresh client
    /// carries on the same sequence): the factor moves 1 → 2 → 3 → … .
    /// </summary>
    public static ScriptedChatClient StepwiseClient(int offset = 0) => new()
    {
        Responder = request => ScriptedStep.Reply(
            "{\"reasoning\": \"call " + (request.Index + offset).ToString(CultureInfo.InvariantCulture) + ": the output is too small\", \"suggestion\": {\"a\": " + (2 + request.Index + offset).ToString(CultureInfo.InvariantCulture) + "}}"),
    };

    /// <summary>A record as JSON without its timestamps and durations, to compare runs.</summary>
    public static string Comparable(StepRecord record) =>
        JsonSerializer.Serialize(record with { CompletedAt = default, Duration = default });
}
