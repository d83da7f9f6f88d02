using System.Collections.Immutable;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Diagnostics;
using Opto.Trace.Generators.Diagnostics;
using Opto.Trace.Generators.Helpers;
using Opto.Trace.Generators.Parsing;

namespace Opto.Trace.Generators.Analyzers;

/// <summary>
/// OPTO0002: an attribute on a member the generator cannot handle; OPTO0005: a [Trainable] method in a compilation
/// without Opto.Trace.Code. The rules are those of <see cref="Checks"/>, which the generator also follows, so whatever
/// is reported here is exactly what the generator skipped.
/// </summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class UnsupportedMemberAnalyzer : DiagnosticAnalyzer
{
    /// <inheritdoc />
    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } =
        ImmutableArray.Create(DiagnosticDescriptors.UnsupportedMember, DiagnosticDescriptors.TrainableMethodNeedsCodeLibrary);

    /// <inheritdoc />
    public override void Initialize(AnalysisContext context)
    {
        context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.None);
        context.EnableConcurrentExecution();
        context.RegisterCompilationStartAction(start =>
        {
            // Whether trainable methods can be generated is a fact of the whole compilation: look it up once.
            var codeAvailable = TrainableMethodParser.IsCodeAvailable(start.Compilation);
            start.RegisterSymbolAction(c => AnalyzeMethod(c, codeAvailable), SymbolKind.Method);
        });
        context.RegisterSymbolAction(AnalyzeTrainable, SymbolKind.Property, SymbolKind.Field);
        context.RegisterSymbolAction(AnalyzeModel, SymbolKind.NamedType);
    }

    private static void AnalyzeMethod(SymbolAnalysisContext context, bool codeAvailable)
    {
        var method = (IMethodSymbol)context.Symbol;
        if (method.FindAttribute(KnownNames.BundleAttribute) is { } bundle && Checks.BundleProblem(method) is { } problem)
        {
            Report(context, bundle, DiagnosticDescriptors.UnsupportedMember, "Bundle", method.Name, problem);
        }

        if (method.FindAttribute(KnownNames.TrainableAttribute) is { } trainable)
        {
            if (Checks.TrainableMethodProblem(method, context.CancellationToken) is { } methodProblem)
            {
                Report(context, trainable, DiagnosticDescriptors.UnsupportedMember, "Trainable", method.Name, methodProblem);
            }

            if (!codeAvailable)
            {
                Report(context, trainable, DiagnosticDescriptors.TrainableMethodNeedsCodeLibrary, method.Name);
            }
        }
    }

    private static void AnalyzeTrainable(SymbolAnalysisContext context)
    {
        var member = context.Symbol;
        if (member.FindAttribute(KnownNames.TrainableAttribute) is not { } attribute)
        {
            return;
        }

        // The generator's target is the declaration the attribute is written on (for a field: its declarator).
        var target = member is IFieldSymbol
            ? member.DeclaringSyntaxReferences.FirstOrDefault()?.GetSyntax(context.CancellationToken)
            : attribute.ApplicationSyntaxReference?.GetSyntax(context.CancellationToken).FirstAncestorOrSelf<BasePropertyDeclarationSyntax>();
        if (target is not null && Checks.TrainableProblem(member, target) is { } problem)
        {
            Report(context, attribute, DiagnosticDescriptors.UnsupportedMember, "Trainable", member.Name, problem);
        }
    }

    private static void AnalyzeModel(SymbolAnalysisContext context)
    {
        var type = (INamedTypeSymbol)context.Symbol;
        if (type.FindAttribute(KnownNames.TraceModelAttribute) is { } attribute && Checks.TraceModelProblem(type) is { } problem)
        {
            Report(context, attribute, DiagnosticDescriptors.UnsupportedMember, "TraceModel", type.Name, problem);
        }
    }

    /// <summary>Reports at the attribute, which is what the user wrote and what the fix removes or moves.</summary>
    private static void Report(SymbolAnalysisContext context, AttributeData attribute, DiagnosticDescriptor descriptor, params object[] args)
    {
        var location = attribute.ApplicationSyntaxReference?.GetSyntax(context.CancellationToken).GetLocation()
            ?? context.Symbol.Locations.FirstOrDefault();
        context.ReportDiagnostic(Diagnostic.Create(descriptor, location, args));
    }
}
