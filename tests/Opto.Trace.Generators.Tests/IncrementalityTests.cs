using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Opto.Trace.Generators.Tests.Infrastructure;

namespace Opto.Trace.Generators.Tests;

/// <summary>
/// The generator must do no work for edits that do not touch its targets: every tracked step is Cached or
/// Unchanged on a second run, and no step output holds a symbol, syntax node or compilation (which would defeat
/// caching and keep compilations alive in the IDE).
/// </summary>
public sealed class IncrementalityTests
{
    private const string Model = /* lang=c# */ """
        using Opto.Trace;

        namespace Shop;

        [TraceModel]
        public partial class Agent
        {
            [Trainable]
            public partial string Prompt { get; set; }

            /// <summary>Answers a question.</summary>
            [Bundle]
            public string Answer(string question) => Prompt + question;

            /// <summary>Shortens an answer.</summary>
            [Trainable]
            public string Shorten(string text) => text.Length > 10 ? text[..10] : text;
        }
        """;

    private static readonly string[] TrackedSteps =
        [TrackingNames.BundleMethods, TrackingNames.TrainableMembers, TrackingNames.TrainableMethods, TrackingNames.TraceModels];

    [Fact]
    public void SecondRun_AfterUnrelatedEdit_ReusesEveryStep()
    {
        var compilation = GeneratorHarness.Compile(("/src/Agent.cs", Model), ("/src/Other.cs", "namespace Shop; public class Other { }"));
        var driver = CreateDriver().RunGenerators(compilation);

        var other = compilation.SyntaxTrees.Single(t => t.FilePath == "/src/Other.cs");
        var edited = compilation.ReplaceSyntaxTree(other, CSharpSyntaxTree.ParseText(
            "namespace Shop; public class Other { public int Added => 1; }", GeneratorHarness.ParseOptions, other.FilePath));
        var second = driver.RunGenerators(edited).GetRunResult().Results.Single();

        foreach (var step in TrackedSteps)
        {
            var outputs = second.TrackedSteps[step].SelectMany(s => s.Outputs).ToList();
            Assert.NotEmpty(outputs);
            Assert.All(outputs, o => Assert.True(
                o.Reason is IncrementalStepRunReason.Cached or IncrementalStepRunReason.Unchanged,
                $"Step {step} ran again ({o.Reason}) after an unrelated edit."));
        }

        Assert.All(second.TrackedOutputSteps.SelectMany(s => s.Value).SelectMany(s => s.Outputs), o => Assert.Equal(IncrementalStepRunReason.Cached, o.Reason));
    }

    [Fact]
    public void StepOutputs_HoldNoSymbolsSyntaxOrCompilation()
    {
        var compilation = GeneratorHarness.Compile(("/src/Agent.cs", Model));
        var result = CreateDriver().RunGenerators(compilation).GetRunResult().Results.Single();

        foreach (var step in TrackedSteps)
        {
            foreach (var (value, _) in result.TrackedSteps[step].SelectMany(s => s.Outputs))
            {
                Assert.IsNotAssignableFrom<ISymbol>(value);
                Assert.IsNotAssignableFrom<SyntaxNode>(value);
                Assert.IsNotAssignableFrom<Compilation>(value);
            }
        }
    }

    [Fact]
    public void EditingTheBundleMethod_RegeneratesOnlyItsOverload()
    {
        var compilation = GeneratorHarness.Compile(("/src/Agent.cs", Model));
        var driver = CreateDriver().RunGenerators(compilation);

        var tree = compilation.SyntaxTrees.Single();
        var edited = compilation.ReplaceSyntaxTree(tree, CSharpSyntaxTree.ParseText(
            Model.Replace("Prompt + question", "question + Prompt", StringComparison.Ordinal), GeneratorHarness.ParseOptions, tree.FilePath));
        var second = driver.RunGenerators(edited).GetRunResult().Results.Single();

        Assert.Contains(second.TrackedSteps[TrackingNames.BundleMethods].SelectMany(s => s.Outputs), o => o.Reason == IncrementalStepRunReason.Modified);
        Assert.All(second.TrackedSteps[TrackingNames.TrainableMembers].SelectMany(s => s.Outputs), o => Assert.True(
            o.Reason is IncrementalStepRunReason.Cached or IncrementalStepRunReason.Unchanged, $"The property's step ran again ({o.Reason})."));
    }

    [Fact]
    public void EditingTheTrainableMethodBody_RegeneratesOnlyItsCode()
    {
        var compilation = GeneratorHarness.Compile(("/src/Agent.cs", Model));
        var driver = CreateDriver().RunGenerators(compilation);

        var tree = compilation.SyntaxTrees.Single();
        var edited = compilation.ReplaceSyntaxTree(tree, CSharpSyntaxTree.ParseText(
            Model.Replace("text[..10]", "text[..12]", StringComparison.Ordinal), GeneratorHarness.ParseOptions, tree.FilePath));
        var second = driver.RunGenerators(edited).GetRunResult().Results.Single();

        Assert.Contains(second.TrackedSteps[TrackingNames.TrainableMethods].SelectMany(s => s.Outputs), o => o.Reason == IncrementalStepRunReason.Modified);
        foreach (var step in new[] { TrackingNames.BundleMethods, TrackingNames.TrainableMembers, TrackingNames.TraceModels })
        {
            Assert.All(second.TrackedSteps[step].SelectMany(s => s.Outputs), o => Assert.True(
                o.Reason is IncrementalStepRunReason.Cached or IncrementalStepRunReason.Unchanged, $"Step {step} ran again ({o.Reason})."));
        }
    }

    private static GeneratorDriver CreateDriver() =>
        CSharpGeneratorDriver.Create(
            [new TraceGenerator().AsSourceGenerator()],
            parseOptions: GeneratorHarness.ParseOptions,
            driverOptions: new GeneratorDriverOptions(IncrementalGeneratorOutputKind.None, trackIncrementalGeneratorSteps: true));
}
