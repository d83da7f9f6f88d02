using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Diagnostics;
using Opto.Trace.Generators.Diagnostics;
using Opto.Trace.Generators.Helpers;
using Opto.Trace.Generators.Parsing;

namespace Opto.Trace.Generators.Analyzers;

/// <summary>
/// OPTO0006: the body of a [Trainable] method uses something a rewritten body cannot see. Every version of the body
/// is compiled at run time from its text alone (Opto.Trace.Code): it sees its parameters, the types of its
/// signature, what it declares itself and the .NET library the sandbox allows. This analyzer finds, at compile time,
/// the uses that would make the declared body (and an optimizer's imitation of it) fail there: <c>this</c> and
/// <c>base</c>, members of the class (instance or static, constants included), and types or members declared
/// elsewhere in the project.
/// </summary>
/// <remarks>
/// What the sandbox refuses (files, network, reflection…) is not reported here: the policy is chosen at run time,
/// and its refusals come back as feedback on the first traced call.
/// </remarks>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class TrainableMethodBodyAnalyzer : DiagnosticAnalyzer
{
    /// <inheritdoc />
    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } = ImmutableArray.Create(DiagnosticDescriptors.TrainableMethodNotSelfContained);

    /// <inheritdoc />
    public override void Initialize(AnalysisContext context)
    {
        context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.None);
        context.EnableConcurrentExecution();
        context.RegisterSyntaxNodeAction(Analyze, SyntaxKind.MethodDeclaration);
    }

    private static void Analyze(SyntaxNodeAnalysisContext context)
    {
        var syntax = (MethodDeclarationSyntax)context.Node;
        if (syntax.AttributeLists.Count == 0
            || context.SemanticModel.GetDeclaredSymbol(syntax, context.CancellationToken) is not { } method
            || !method.HasAttribute(KnownNames.TrainableAttribute))
        {
            return;
        }

        var signatureTypes = new HashSet<ITypeSymbol>(SymbolEqualityComparer.Default);
        foreach (var type in method.Parameters.Select(p => p.Type).Concat([method.ReturnType]))
        {
            AddTypes(type, signatureTypes);
        }

        var reported = new HashSet<ISymbol>(SymbolEqualityComparer.Default);
        var reportedInstance = false;
        foreach (var node in syntax.DescendantNodes(n => n is not AttributeListSyntax))
        {
            switch (node)
            {
                case ThisExpressionSyntax or BaseExpressionSyntax when !reportedInstance:
                    reportedInstance = true;
                    context.ReportDiagnostic(Diagnostic.Create(DiagnosticDescriptors.TrainableMethodNotSelfContained, node.GetLocation(),
                        method.Name, node.ToString(), "the instance the method belongs to"));
                    break;
                case SimpleNameSyntax name when name is not IdentifierNameSyntax { IsVar: true }:
                    var info = context.SemanticModel.GetSymbolInfo(name, context.CancellationToken);
                    var symbol = info.Symbol ?? info.CandidateSymbols.FirstOrDefault();
                    if (symbol is not null && Reason(symbol, name, method, signatureTypes, context.Compilation) is { } reason && reported.Add(symbol))
                    {
                        context.ReportDiagnostic(Diagnostic.Create(DiagnosticDescriptors.TrainableMethodNotSelfContained, name.GetLocation(),
                            method.Name, symbol.Name, reason));
                    }

                    break;
            }
        }
    }

    /// <summary>Why a rewritten body could not use <paramref name="symbol"/>, or <see langword="null"/> when it can.</summary>
    private static string? Reason(ISymbol symbol, SimpleNameSyntax name, IMethodSymbol method, HashSet<ITypeSymbol> signatureTypes, Compilation compilation)
    {
        var own = method.ContainingType;
        switch (symbol)
        {
            case ILocalSymbol or IParameterSymbol or IRangeVariableSymbol or ILabelSymbol or INamespaceSymbol or ITypeParameterSymbol or IDiscardSymbol:
                return null;
            case IMethodSymbol { MethodKind: MethodKind.LocalFunction or MethodKind.AnonymousFunction }:
                return null;
            case IMethodSymbol called when SymbolEqualityComparer.Default.Equals(called.OriginalDefinition, method.OriginalDefinition):
                return null; // recursion: the method is there in every version
            case INamedTypeSymbol type:
                return IsAfterDot(name) || signatureTypes.Contains(type.OriginalDefinition) || !IsFromProject(type, compilation)
                    ? null
                    : "a type of this project that is not in the method's signature";
        }

        if (IsAfterDot(name))
        {
            // What stands before the dot is judged on its own; only an extension method brings in code of its own.
            return symbol is IMethodSymbol { ReducedFrom: { } extension } && IsFromProject(extension, compilation)
                ? "an extension method declared in this project"
                : null;
        }

        var container = symbol.ContainingType;
        if (container is null || signatureTypes.Contains(container.OriginalDefinition))
        {
            return null;
        }

        if (TrainableMethodParser.IsOwnChain(container, own))
        {
            return $"a member of '{own.Name}'";
        }

        return IsFromProject(container, compilation) ? "which is declared in this project" : null;
    }

    private static bool IsFromProject(ISymbol symbol, Compilation compilation) =>
        SymbolEqualityComparer.Default.Equals(symbol.ContainingAssembly, compilation.Assembly);

    private static bool IsAfterDot(SimpleNameSyntax name) => name.Parent switch
    {
        MemberAccessExpressionSyntax access => access.Name == name,
        QualifiedNameSyntax qualified => qualified.Right == name,
        MemberBindingExpressionSyntax => true,
        _ => false,
    };

    private static void AddTypes(ITypeSymbol type, HashSet<ITypeSymbol> types)
    {
        switch (type)
        {
            case IArrayTypeSymbol array:
                AddTypes(array.ElementType, types);
                break;
            case INamedTypeSymbol named:
                if (types.Add(named.OriginalDefinition))
                {
                    foreach (var argument in named.TypeArguments)
                    {
                        AddTypes(argument, types);
                    }
                }

                break;
        }
    }
}
