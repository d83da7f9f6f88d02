using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Testing;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Testing;

namespace Opto.Trace.Generators.Tests.Infrastructure;

/// <summary>
/// Microsoft.CodeAnalysis.Testing set up to run without a network: a reference-assembly set with no package (the
/// presets download one) plus this runtime's assemblies and Opto.Trace, and C# preview for partial properties.
/// Compiler errors are not checked: without the generator, a partial property has no implementation.
/// </summary>
internal static class OfflineTests
{
    public static Task VerifyAnalyzerAsync<TAnalyzer>(string source, params DiagnosticResult[] expected)
        where TAnalyzer : DiagnosticAnalyzer, new() =>
        VerifyAnalyzerAsync<TAnalyzer>(source, References.All, expected);

    public static Task VerifyAnalyzerAsync<TAnalyzer>(string source, IEnumerable<MetadataReference> references, params DiagnosticResult[] expected)
        where TAnalyzer : DiagnosticAnalyzer, new()
    {
        var test = new CSharpAnalyzerTest<TAnalyzer, DefaultVerifier> { TestCode = source };
        Configure(test, test.TestState, references);
        test.ExpectedDiagnostics.AddRange(expected);
        return test.RunAsync();
    }

    public static Task VerifyCodeFixAsync<TAnalyzer, TCodeFix>(string source, string fixedSource)
        where TAnalyzer : DiagnosticAnalyzer, new()
        where TCodeFix : CodeFixProvider, new()
    {
        var test = new CSharpCodeFixTest<TAnalyzer, TCodeFix, DefaultVerifier> { TestCode = source, FixedCode = fixedSource };
        Configure(test, test.TestState, References.All);
        test.FixedState.AdditionalReferences.AddRange(References.All);
        return test.RunAsync();
    }

    private static void Configure<TVerifier>(AnalyzerTest<TVerifier> test, SolutionState state, IEnumerable<MetadataReference> references)
        where TVerifier : IVerifier, new()
    {
        test.ReferenceAssemblies = new ReferenceAssemblies("net10.0");
        test.CompilerDiagnostics = CompilerDiagnostics.None;
        state.AdditionalReferences.AddRange(references);
        test.SolutionTransforms.Add((solution, projectId) =>
        {
            var options = (CSharpParseOptions)solution.GetProject(projectId)!.ParseOptions!;
            return solution.WithProjectParseOptions(projectId, options.WithLanguageVersion(LanguageVersion.Preview));
        });
    }
}
