using System.Collections.Immutable;
using System.Text.RegularExpressions;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;

namespace Opto.Trace.Generators.Tests.Infrastructure;

/// <summary>The outcome of running the generator on some source.</summary>
/// <param name="Sources">The generated files by hint name, in hint-name order.</param>
/// <param name="GeneratorDiagnostics">What the generator itself reported.</param>
/// <param name="CompileDiagnostics">Warnings and errors of compiling the input together with the output.</param>
/// <param name="Input">The source the generator ran on.</param>
internal sealed record GeneratorOutput(
    string Input,
    IReadOnlyList<(string HintName, string Text)> Sources,
    ImmutableArray<Diagnostic> GeneratorDiagnostics,
    ImmutableArray<Diagnostic> CompileDiagnostics)
{
    /// <summary>All generated files as one text, the version in [GeneratedCode] pinned so snapshots survive releases.</summary>
    public string Text => string.Join("\n", Sources.Select(s => $"//// {s.HintName}\n{ScrubVersion(s.Text)}"));

    private static string ScrubVersion(string text) =>
        Regex.Replace(text, "GeneratedCode\\(\"Opto.Trace.Generators\", \"[^\"]+\"\\)", "GeneratedCode(\"Opto.Trace.Generators\", \"VERSION\")");
}

/// <summary>Runs <see cref="TraceGenerator"/> on test sources and compiles what comes out, as a consumer's build would.</summary>
internal static class GeneratorHarness
{
    public static readonly CSharpParseOptions ParseOptions = new(LanguageVersion.Preview, DocumentationMode.Diagnose);

    public static CSharpCompilation Compile(params (string Path, string Text)[] files) => Compile(References.All, files);

    public static CSharpCompilation Compile(IEnumerable<MetadataReference> references, params (string Path, string Text)[] files) =>
        CSharpCompilation.Create(
            "Consumer",
            files.Select(f => CSharpSyntaxTree.ParseText(f.Text, ParseOptions, f.Path)),
            references,
            new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary, nullableContextOptions: NullableContextOptions.Enable, warningLevel: 9999));

    public static GeneratorOutput Run(string source, string path = "/src/Model.cs", IEnumerable<MetadataReference>? references = null)
    {
        var compilation = Compile(references ?? References.All, (path, source));
        var driver = CSharpGeneratorDriver.Create([new TraceGenerator().AsSourceGenerator()], parseOptions: ParseOptions)
            .RunGeneratorsAndUpdateCompilation(compilation, out var output, out var generatorDiagnostics);
        var result = driver.GetRunResult().Results.Single();
        var inputTrees = compilation.SyntaxTrees.ToHashSet();

        // The user's own public members have no XML docs in these small sources; the generated ones must.
        var compileDiagnostics = output.GetDiagnostics()
            .Where(d => d.Severity >= DiagnosticSeverity.Warning)
            .Where(d => !(d.Id == "CS1591" && d.Location.SourceTree is { } tree && inputTrees.Contains(tree)))
            .ToImmutableArray();

        return new GeneratorOutput(
            source,
            [.. result.GeneratedSources.OrderBy(s => s.HintName, StringComparer.Ordinal).Select(s => (s.HintName, s.SourceText.ToString()))],
            generatorDiagnostics,
            compileDiagnostics);
    }

    /// <summary>Runs the generator, asserts that input plus output compile with no warning at all, and returns the output.</summary>
    public static GeneratorOutput RunClean(string source, string path = "/src/Model.cs")
    {
        var output = Run(source, path);
        Assert.Empty(output.GeneratorDiagnostics);
        Assert.True(output.CompileDiagnostics.IsEmpty, "The generated code does not compile cleanly:\n" + string.Join("\n", output.CompileDiagnostics) + "\n\n" + output.Text);
        return output;
    }
}
