using System.Collections.Immutable;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Diagnostics;
using Opto.Trace.Generators.Diagnostics;
using Opto.Trace.Generators.Helpers;

namespace Opto.Trace.Generators.Analyzers;

/// <summary>OPTO0001: a type that receives generated members, or contains one that does, is not partial.</summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class PartialTypeAnalyzer : DiagnosticAnalyzer
{
    /// <inheritdoc />
    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } = ImmutableArray.Create(DiagnosticDescriptors.TypeMustBePartial);

    /// <inheritdoc />
    public override void Initialize(AnalysisContext context)
    {
        context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.None);
        context.EnableConcurrentExecution();
        context.RegisterSymbolAction(Analyze, SymbolKind.NamedType);
    }

    private static void Analyze(SymbolAnalysisContext context)
    {
        var type = (INamedTypeSymbol)context.Symbol;
        if (ReasonForGeneration(type) is not { } attribute)
        {
            return;
        }

        // Each type reports only its own declarations, so a non-partial outer class is reported once however many
        // of its nested types need it.
        foreach (var reference in type.DeclaringSyntaxReferences)
        {
            if (reference.GetSyntax(context.CancellationToken) is TypeDeclarationSyntax declaration
                && !declaration.Modifiers.Any(SyntaxKind.PartialKeyword))
            {
                context.ReportDiagnostic(Diagnostic.Create(DiagnosticDescriptors.TypeMustBePartial, declaration.Identifier.GetLocation(), type.Name, attribute));
            }
        }
    }

    /// <summary>The attribute that makes the generator add members to this type or a type nested in it, if any.</summary>
    private static string? ReasonForGeneration(INamedTypeSymbol type)
    {
        if (type.HasAttribute(KnownNames.TraceModelAttribute))
        {
            return "TraceModel";
        }

        foreach (var member in type.GetMembers())
        {
            if (member is IMethodSymbol && member.HasAttribute(KnownNames.BundleAttribute))
            {
                return "Bundle";
            }

            if (member is IPropertySymbol or IFieldSymbol or IMethodSymbol && member.HasAttribute(KnownNames.TrainableAttribute))
            {
                return "Trainable";
            }
        }

        return type.GetTypeMembers().Select(ReasonForGeneration).FirstOrDefault(r => r is not null);
    }
}
