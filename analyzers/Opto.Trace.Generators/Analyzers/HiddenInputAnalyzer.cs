using System.Collections.Generic;
using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;
using Opto.Trace.Generators.Diagnostics;
using Opto.Trace.Generators.Helpers;

namespace Opto.Trace.Generators.Analyzers;

/// <summary>
/// OPTO0003: a [Bundle] method reads state that is neither one of its arguments nor a [Trainable] value. The
/// Python reference finds such hidden inputs only at run time, and only for nodes; here every read of mutable
/// state in the body is found at compile time.
/// </summary>
/// <remarks>
/// What counts as a hidden input: fields that can be assigned after construction and settable properties of the
/// object itself, static fields that are not read-only, settable static properties declared in this compilation,
/// and the field behind a [Trainable] field (the parameter lives in the generated property). Read-only fields,
/// get-only properties and primary-constructor parameters are taken as fixed configuration (services such as an
/// IChatClient live there), and what other methods read is not followed.
/// </remarks>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class HiddenInputAnalyzer : DiagnosticAnalyzer
{
    /// <inheritdoc />
    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } = ImmutableArray.Create(DiagnosticDescriptors.HiddenInput);

    /// <inheritdoc />
    public override void Initialize(AnalysisContext context)
    {
        context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.None);
        context.EnableConcurrentExecution();
        context.RegisterCompilationStartAction(start =>
        {
            // A compilation that cannot see [Bundle] has nothing to check.
            if (start.Compilation.GetTypeByMetadataName(KnownNames.BundleAttribute) is null)
            {
                return;
            }

            // A syntax-node action rather than an operation-block action: the latter makes the compiler build the
            // operation tree of every method body in the project; this builds it for [Bundle] methods only.
            start.RegisterSyntaxNodeAction(Analyze, SyntaxKind.MethodDeclaration);
        });
    }

    private static void Analyze(SyntaxNodeAnalysisContext context)
    {
        var syntax = (MethodDeclarationSyntax)context.Node;
        if (syntax.AttributeLists.Count == 0
            || ((SyntaxNode?)syntax.Body ?? syntax.ExpressionBody) is not { } body
            || context.SemanticModel.GetDeclaredSymbol(syntax, context.CancellationToken) is not { } method
            || !method.HasAttribute(KnownNames.BundleAttribute)
            || context.SemanticModel.GetOperation(body, context.CancellationToken) is not { } block)
        {
            return;
        }

        var reported = new HashSet<ISymbol>(SymbolEqualityComparer.Default);
        foreach (var operation in block.DescendantsAndSelf())
        {
            if (HiddenRead(operation, context.Compilation) is { } read && reported.Add(read.Member))
            {
                context.ReportDiagnostic(Diagnostic.Create(
                    DiagnosticDescriptors.HiddenInput, operation.Syntax.GetLocation(), method.Name, read.Member.Name, read.Reason));
            }
        }
    }

    private static (ISymbol Member, string Reason)? HiddenRead(IOperation operation, Compilation compilation)
    {
        if (operation is not IMemberReferenceOperation reference || IsWriteOnly(reference))
        {
            return null;
        }

        var ownState = reference.Instance is IInstanceReferenceOperation;
        switch (reference)
        {
            case IFieldReferenceOperation { Field: var field }:
                if (field.IsConst)
                {
                    return null;
                }

                if (field.IsStatic)
                {
                    return field.IsReadOnly ? null : (field, "a static field that any code can change");
                }

                if (!ownState)
                {
                    return null;
                }

                if (field.HasAttribute(KnownNames.TrainableAttribute))
                {
                    return (field, "which only holds the initial value of a [Trainable] field (read the generated property instead)");
                }

                return field.IsReadOnly || field.IsGeneratedByOpto() ? null : (field, "a field that can change between calls");

            case IPropertyReferenceOperation { Property: var property }:
                if (IsTrainable(property) || property.IsGeneratedByOpto() || !IsSettable(property))
                {
                    return null;
                }

                if (property.IsStatic)
                {
                    // Settable static properties of other libraries (culture, console…) are the environment, not the model's state.
                    return SymbolEqualityComparer.Default.Equals(property.ContainingAssembly, compilation.Assembly)
                        ? (property, "a static property that any code can change")
                        : null;
                }

                return ownState ? (property, "a property that can change between calls") : null;

            default:
                return null;
        }
    }

    private static bool IsTrainable(IPropertySymbol property) =>
        property.HasAttribute(KnownNames.TrainableAttribute)
        || property.PartialDefinitionPart?.HasAttribute(KnownNames.TrainableAttribute) == true
        || property.PartialImplementationPart?.HasAttribute(KnownNames.TrainableAttribute) == true
        || property.IsGeneratedByOpto();

    private static bool IsSettable(IPropertySymbol property) => property.SetMethod is { IsInitOnly: false };

    /// <summary>A plain assignment only writes; compound assignments, increments and ref uses also read.</summary>
    private static bool IsWriteOnly(IMemberReferenceOperation reference) =>
        reference.Parent is ISimpleAssignmentOperation assignment && assignment.Target == reference;
}
