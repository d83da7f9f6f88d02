using Opto.Testing;
using Opto.Trace.Generators.Tests.Infrastructure;

namespace Opto.Trace.Generators.Tests;

/// <summary>
/// What the generator writes for each kind of target, as snapshots. Every case also compiles the input with the
/// output (zero warnings, nullable on, XML docs checked), which is what a consumer with TreatWarningsAsErrors needs.
/// </summary>
public sealed class GeneratedSourceTests
{
    [Fact]
    public void Bundle_InstanceMethod_GetsTracedOverloadWithOperation()
    {
        var output = GeneratorHarness.RunClean(/* lang=c# */ """
            using Opto.Trace;

            namespace Shop;

            public partial class Router
            {
                /// <summary>Chooses the team that should handle a <paramref name="ticket"/>.</summary>
                /// <param name="ticket">The customer's message.</param>
                /// <param name="priority">1 (low) to 3 (urgent).</param>
                [Bundle]
                public string Route(string ticket, int priority)
                {
                    return ticket.Contains("refund") && priority > 1
                        ? "billing"
                        : "support";
                }
            }
            """);

        TextSnapshot.Match(output.Text, "bundle_instance");
    }

    [Fact]
    public void Bundle_AsyncMethods_ReturnTaskOfNodeAndPassTokensThrough()
    {
        var output = GeneratorHarness.RunClean(/* lang=c# */ """
            using System.Threading;
            using System.Threading.Tasks;
            using Opto.Trace;

            namespace Shop;

            public partial class Writer
            {
                /// <summary>Writes the reply to a ticket.</summary>
                [Bundle(Name = "reply")]
                public async Task<string> ReplyAsync(string ticket, CancellationToken cancellationToken = default)
                {
                    await Task.Delay(1, cancellationToken);
                    return "Thanks: " + ticket;
                }

                [Bundle]
                internal static ValueTask<int> CountAsync(string? text) => new(text?.Length ?? 0);

                [Bundle]
                public Task<string> GreetingAsync(CancellationToken cancellationToken) => Task.FromResult("hello");
            }
            """);

        TextSnapshot.Match(output.Text, "bundle_async");
    }

    [Fact]
    public void Bundle_OverloadsAndNestedGenericTypes_GetDistinctNames()
    {
        var output = GeneratorHarness.RunClean(/* lang=c# */ """
            using System.Collections.Generic;
            using Opto.Trace;

            public static partial class Outer
            {
                public partial class Scorer<T>
                    where T : notnull
                {
                    [Bundle]
                    public double Score(IReadOnlyList<T> items) => items.Count;

                    [Bundle]
                    public double Score(IReadOnlyList<T> items, double weight) => items.Count * weight;

                    [Bundle]
                    public string Describe() => typeof(T).Name;
                }
            }
            """);

        TextSnapshot.Match(output.Text, "bundle_overloads_generic_nested");
    }

    [Fact]
    public void Trainable_PartialPropertiesAndField_GetParameterNodesWithConstraints()
    {
        var output = GeneratorHarness.RunClean(/* lang=c# */ """
            using System.ComponentModel.DataAnnotations;
            using Opto.Trace;

            namespace Shop;

            public partial class Agent
            {
                /// <summary>System prompt that sets the agent's <c>tone</c> &amp; policy.</summary>
                [Trainable, MaxLength(2000), Constraint("Must mention the refund policy.")]
                public partial string SystemPrompt { get; set; }

                [Trainable(Description = "Sampling temperature."), Range(0.0, 1.5)]
                public partial double Temperature { get; private set; }

                [Trainable, AllowedValues("short", "long"), RegularExpression("[a-z]+")]
                internal partial string Style { get; init; }

                /// <summary>How many examples to show.</summary>
                [Trainable, Range(1, 10)]
                private int _shots = 3;
            }
            """);

        TextSnapshot.Match(output.Text, "trainable_members");
    }

    [Fact]
    public void TraceModel_ListsOwnAndNestedParameters()
    {
        var output = GeneratorHarness.RunClean(/* lang=c# */ """
            using Opto.Trace;

            namespace Shop;

            [TraceModel]
            public partial class Retriever
            {
                [Trainable]
                public partial int TopK { get; set; }
            }

            [TraceModel]
            public partial class Agent
            {
                private readonly Retriever _backup = new();

                [Trainable]
                public partial string Prompt { get; set; }

                public Retriever Retriever { get; } = new();

                [Trainable]
                private double _temperature = 0.5;
            }
            """);

        TextSnapshot.Match(output.Text, "trace_model");
    }

    [Fact]
    public void TrainableMethods_GetCodeParameterTracedOverloadAndTrainedCall_AndModelListsThem()
    {
        var output = GeneratorHarness.RunClean(/* lang=c# */ """
            using System.Globalization;
            using System.Threading.Tasks;
            using Opto.Trace;
            using static System.Math;

            namespace Shop;

            [TraceModel]
            public partial class Pricing
            {
                [Trainable]
                public partial double Discount { get; set; }

                /// <summary>Formats a price for display in a <paramref name="culture"/>.</summary>
                [Trainable, Constraint("Keep two decimals.")]
                public string Format(double price, string culture = "en-US")
                {
                    var rounded = Round(price, 2);
                    return rounded.ToString("0.00", CultureInfo.GetCultureInfo(culture));
                }

                /// <summary>Shortens a review.</summary>
                [Trainable(Description = "How reviews are shortened.")]
                internal async Task<string> SummarizeAsync(string review)
                {
                    await Task.Yield();
                    return review.Length > 40 ? review[..40] : review;
                }

                [Trainable]
                public int Seed() => 42;
            }
            """);

        TextSnapshot.Match(output.Text, "trainable_methods");
    }

    [Fact]
    public void TrainableMethod_WithoutOptoTraceCode_GeneratesNothingForIt()
    {
        // OPTO0005 tells the user to add the library; generating code that cannot compile would only add errors.
        var output = GeneratorHarness.Run(/* lang=c# */ """
            using Opto.Trace;

            [TraceModel]
            public partial class Agent
            {
                [Trainable] public partial string Prompt { get; set; }
                [Trainable] public string Route(string ticket) => ticket;
            }
            """, references: References.WithoutCode);

        Assert.Empty(output.GeneratorDiagnostics);
        Assert.Empty(output.CompileDiagnostics);
        Assert.DoesNotContain(output.Sources, s => s.HintName.Contains("TrainableMethod", StringComparison.Ordinal));
        Assert.DoesNotContain("Route", output.Sources.Single(s => s.HintName.EndsWith("TraceModel.g.cs", StringComparison.Ordinal)).Text, StringComparison.Ordinal);
    }

    [Fact]
    public void UnsupportedTargets_GenerateNothing()
    {
        // Each of these is reported by an analyzer (OPTO0001, OPTO0002); the generator stays silent.
        var output = GeneratorHarness.Run(/* lang=c# */ """
            using Opto.Trace;

            public class NotPartial
            {
                [Bundle] public int Twice(int x) => 2 * x;
            }

            public partial class Unsupported
            {
                [Bundle] public void Log(string text) { }
                [Bundle] public T Echo<T>(T value) => value;
                [Bundle] public int Parse(string text, out int rest) { rest = 0; return 0; }
                [Trainable] public string Plain { get; set; } = "";
                [Trainable] public static string Code(string input) => input;
                [Trainable] public void Act(string input) { }
            }
            """);

        Assert.Empty(output.Sources);
        Assert.Empty(output.GeneratorDiagnostics);
    }
}
