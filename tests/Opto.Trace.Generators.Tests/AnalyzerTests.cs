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
    public Task OPTO0001_NonPartialClassWithTrainableMethod_IsReported() =>
        OfflineTests.VerifyAnalyzerAsync<PartialTypeAnalyzer>(/* lang=c# */ """
            using Opto.Trace;

            public class {|OPTO0001:Router|}
            {
                [Trainable] public string Route(string ticket) => ticket;
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
    public Task OPTO0002_UnsupportedTrainableMethods_AreReportedAtTheAttribute() =>
        OfflineTests.VerifyAnalyzerAsync<UnsupportedMemberAnalyzer>(/* lang=c# */ """
            using System.Threading;
            using System.Threading.Tasks;
            using Opto.Trace;

            internal sealed class Hidden { }

            public partial class Agent
            {
                [{|OPTO0002:Trainable|}] public static string Shared(string text) => text;
                [{|OPTO0002:Trainable|}] public void Act(string text) { }
                [{|OPTO0002:Trainable|}] public virtual string Open(string text) => text;
                [{|OPTO0002:Trainable|}] public T Echo<T>(T value) => value;
                [{|OPTO0002:Trainable|}] public ValueTask<int> CountAsync(string text) => new(text.Length);
                [{|OPTO0002:Trainable|}] public Task<string> WaitAsync(string text, CancellationToken token) => Task.FromResult(text);
                [{|OPTO0002:Trainable|}] public int Sum(int a, int b, int c, int d, int e) => a + b + c + d + e;
                [{|OPTO0002:Trainable|}] public int Parse(string text, out int rest) { rest = 0; return 0; }
                [{|OPTO0002:Trainable|}] internal Hidden Make(string text) => new();
                [{|OPTO0002:Bundle|}, Trainable] public string Both(string text) => text;
                [{|OPTO0002:Trainable|}] public string Größe(string text) => text;
                [{|OPTO0002:Trainable|}] public string @class(string text) => text;
                [Trainable] public string Fine(string text) => text;
                [Trainable] public async Task<string> FineAsync(string text) { await Task.Yield(); return text; }
            }

            public partial class Box<T>
            {
                [{|OPTO0002:Trainable|}] public string Name(string text) => text;
            }
            """);

    [Fact]
    public Task OPTO0005_TrainableMethodWithoutOptoTraceCode_IsAnError() =>
        OfflineTests.VerifyAnalyzerAsync<UnsupportedMemberAnalyzer>(/* lang=c# */ """
            using Opto.Trace;

            public partial class Agent
            {
                [{|OPTO0005:Trainable|}]
                public string Route(string ticket) => ticket.Contains("refund") ? "billing" : "support";

                [Trainable] public partial string Prompt { get; set; }
            }
            """, References.WithoutCode);

    [Fact]
    public Task OPTO0005_TrainableMethodWithOptoTraceCode_IsNotReported() =>
        OfflineTests.VerifyAnalyzerAsync<UnsupportedMemberAnalyzer>(/* lang=c# */ """
            using Opto.Trace;

            public partial class Agent
            {
                [Trainable]
                public string Route(string ticket) => ticket.Contains("refund") ? "billing" : "support";
            }
            """);

    [Fact]
    public Task OPTO0006_TrainableMethodBodyUsingTheClassOrProject_IsReported() =>
        OfflineTests.VerifyAnalyzerAsync<TrainableMethodBodyAnalyzer>(/* lang=c# */ """
            using System;
            using System.Linq;
            using Opto.Trace;

            public sealed class Ticket
            {
                public string Text { get; set; } = "";
            }

            public static class Rules
            {
                public static string Normalize(string text) => text.Trim();
                public static string Shout(this string text) => text.ToUpperInvariant();
            }

            public partial class Agent
            {
                private const int Limit = 3;
                private readonly string _suffix = "!";

                [Trainable] public partial string Prompt { get; set; }

                private static string Clean(string text) => text.Trim();

                [Trainable]
                public string Route(Ticket ticket, int retries)
                {
                    var text = {|OPTO0006:Rules|}.Normalize(ticket.Text) + {|OPTO0006:_suffix|} + {|OPTO0006:Prompt|};
                    text = {|OPTO0006:Clean|}(text).{|OPTO0006:Shout|}() + {|OPTO0006:Limit|};
                    string Local(string s) => s + retries;
                    var words = text.Split(' ').Where(w => w.Length > 0).Select(Local).ToList();
                    return retries > 0 ? Route(ticket, retries - 1) : {|OPTO0006:this|}.ToString() + words.Count + Math.Max(1, 2);
                }

                [Trainable]
                public string Clean2(string text) => string.Concat(text.Where(char.IsLetter));
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
                public string Answer(string question) => question + Style + Temperature + TemperatureNode.Value + Shorten(question);

                [Trainable]
                public string Shorten(string text) => text.Length > 10 ? text[..10] : text;

                [Bundle]
                public string Both(string text) => ShortenTrained(text) + ShortenMethod.Source.Length;
            }
            """);
        Assert.NotEmpty(output.Sources);

        (string Path, string Text)[] files = [("/src/Model.cs", output.Input), .. output.Sources.Select(s => ("/gen/" + s.HintName, s.Text))];
        var compilation = GeneratorHarness.Compile(files);
        var analyzers = ImmutableArray.Create<DiagnosticAnalyzer>(
            new PartialTypeAnalyzer(), new UnsupportedMemberAnalyzer(), new HiddenInputAnalyzer(), new TrainableMethodBodyAnalyzer());
        var diagnostics = await compilation.WithAnalyzers(analyzers).GetAnalyzerDiagnosticsAsync();

        Assert.Empty(diagnostics);
    }
}
