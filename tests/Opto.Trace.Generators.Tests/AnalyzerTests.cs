using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Opto.Trace.Generators.Analyzers;
using Opto.Trace.Generators.Tests.Infrastructure;
using Opto.Trace.CodeFixes;

namespace Opto.Trace.Generators.Tests;

/// <summary>The OPTO analyzers, each on the smallest source that shows its rule, and the OPTO0001 code fix.</summary>
public sealed class AnalyzerTests
{
    [Fact]
    public Task OPTO0001_NonPartialClassWithBundle_IsReported() =>
        OfflineTests.VerifyAnalyzerAsync<PartialTypeAnalyzer>(/* lang=c# */ """
            using Opto.Trace;

            public class {|OPTO0001:Router|}
            {
                [Bundle] public string Route(string ticket) => ticket;
            }
            """);

    [Fact]
    public Task OPTO0001_NonPartialOuterClassOfModel_IsReportedOnTheOuterClass() =>
        OfflineTests.VerifyAnalyzerAsync<PartialTypeAnalyzer>(/* lang=c# */ """
            using Opto.Trace;

            public class {|OPTO0001:Outer|}
            {
                [TraceModel]
                public partial class Inner
                {
                    [Trainable] public partial string Prompt { get; set; }
                }
            }
            """);

    [Fact]
    public Task OPTO0001_PartialClasses_AreNotReported() =>
        OfflineTests.VerifyAnalyzerAsync<PartialTypeAnalyzer>(/* lang=c# */ """
            using Opto.Trace;

            public class Plain
            {
                public string Route(string ticket) => ticket;
            }

            public partial class Router
            {
                [Bundle] public string Route(string ticket) => ticket;
            }
            """);

    [Fact]
    public Task OPTO0001_CodeFix_AddsPartial() =>
        OfflineTests.VerifyCodeFixAsync<PartialTypeAnalyzer, MakeTypePartialCodeFix>(/* lang=c# */ """
            using Opto.Trace;

            /// <summary>Routes tickets.</summary>
            public sealed class {|OPTO0001:Router|}
            {
                [Bundle] public string Route(string ticket) => ticket;
            }

            class {|OPTO0001:Bare|}
            {
                [Bundle] public string Echo(string text) => text;
            }
            """, /* lang=c# */ """
            using Opto.Trace;

            /// <summary>Routes tickets.</summary>
            public sealed partial class Router
            {
                [Bundle] public string Route(string ticket) => ticket;
            }

            partial class Bare
            {
                [Bundle] public string Echo(string text) => text;
            }
            """);

    [Fact]
    public Task OPTO0002_UnsupportedSignatures_AreReportedAtTheAttribute() =>
        OfflineTests.VerifyAnalyzerAsync<UnsupportedMemberAnalyzer>(/* lang=c# */ """
            using System;
            using System.Threading.Tasks;
            using Opto.Trace;

            public partial class Agent
            {
                [{|OPTO0002:Bundle|}] public void Log(string text) { }
                [{|OPTO0002:Bundle|}] public Task SaveAsync(string text) => Task.CompletedTask;
                [{|OPTO0002:Bundle|}] public T Echo<T>(T value) => value;
                [{|OPTO0002:Bundle|}] public int Parse(string text, out int rest) { rest = 0; return 0; }
                [{|OPTO0002:Bundle|}] public int Sum(params int[] values) => values.Length;
                [{|OPTO0002:Bundle|}] public int Length(ReadOnlySpan<char> text) => text.Length;
                [{|OPTO0002:Trainable|}] public string Plain { get; set; } = "";
                [{|OPTO0002:Trainable|}] public static partial string Shared { get; set; }
                [{|OPTO0002:Trainable|}] private string Prompt = "";
                [Bundle] public string Fine(string text, System.Threading.CancellationToken token) => text;
                [Trainable] public partial string AlsoFine { get; set; }
                [Trainable] private int _shots = 3;
            }

            [{|OPTO0002:TraceModel|}]
            public static partial class Settings
            {
            }
            """);

    [Fact]
    public Task OPTO0004_TrainableMethod_IsReportedAsInfo() =>
        OfflineTests.VerifyAnalyzerAsync<UnsupportedMemberAnalyzer>(/* lang=c# */ """
            using Opto.Trace;

            public partial class Agent
            {
                [{|OPTO0004:Trainable|}]
                public string Route(string ticket) => ticket.Contains("refund") ? "billing" : "support";
            }
            """);

    [Fact]
    public Task OPTO0003_MutableStateReadInBundle_IsAHiddenInput() =>
        OfflineTests.VerifyAnalyzerAsync<HiddenInputAnalyzer>(/* lang=c# */ """
            using Opto.Trace;

            public static class Globals
            {
                public static int Counter;
                public static readonly string Greeting = "hi";
                public const int Limit = 3;
            }

            public partial class Agent(string fixedPrefix)
            {
                private readonly string _suffix = "!";
                private int _calls;
                public string Mood { get; set; } = "calm";
                public string Name { get; } = "agent";

                [Trainable] public partial string Prompt { get; set; }
                [Trainable] private string _style = "plain";

                [Bundle]
                public string Answer(string question)
                {
                    _calls = 1;
                    var text = {|OPTO0003:Mood|} + {|OPTO0003:_calls|} + {|OPTO0003:Globals.Counter|} + {|OPTO0003:_style|};
                    return Prompt + question + _suffix + Name + Globals.Greeting + Globals.Limit + fixedPrefix + text;
                }

                public string NotTraced() => Mood + _calls;
            }
            """);

    [Fact]
    public async Task ValidModel_WithGeneratedCode_HasNoOptoDiagnostics()
    {
        // The analyzers run on the compilation that includes the generator's output, as in a real build; generated
        // members (the ...Node accessors, the property made from a field) must not look like clashes or hidden inputs.
        var output = GeneratorHarness.RunClean(/* lang=c# */ """
            using System.ComponentModel.DataAnnotations;
            using Opto.Trace;

            [TraceModel]
            public partial class Agent
            {
                [Trainable, Range(0.0, 1.0)] public partial double Temperature { get; set; }
                [Trainable] private string _style = "plain";

                [Bundle]
                public string Answer(string question) => question + Style + Temperature + TemperatureNode.Value;
            }
            """);
        Assert.NotEmpty(output.Sources);

        (string Path, string Text)[] files = [("/src/Model.cs", output.Input), .. output.Sources.Select(s => ("/gen/" + s.HintName, s.Text))];
        var compilation = GeneratorHarness.Compile(files);
        var analyzers = ImmutableArray.Create<DiagnosticAnalyzer>(new PartialTypeAnalyzer(), new UnsupportedMemberAnalyzer(), new HiddenInputAnalyzer());
        var diagnostics = await compilation.WithAnalyzers(analyzers).GetAnalyzerDiagnosticsAsync();

        Assert.Empty(diagnostics);
    }
}
