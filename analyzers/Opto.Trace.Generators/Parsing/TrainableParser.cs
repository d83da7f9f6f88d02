using System.Linq;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Opto.Trace.Generators.Helpers;
using Opto.Trace.Generators.Models;

namespace Opto.Trace.Generators.Parsing;

/// <summary>Turns a [Trainable] property or field into a <see cref="TrainableMemberInfo"/>, or nothing when the analyzers report it.</summary>
internal static class TrainableParser
{
    public static TrainableMemberInfo? Parse(GeneratorAttributeSyntaxContext context, CancellationToken cancellationToken)
    {
        var member = context.TargetSymbol;
        if (member is not (IPropertySymbol or IFieldSymbol)
            || Checks.TrainableProblem(member, context.TargetNode) is not null
            || Checks.FirstNonPartialType(member.ContainingType, cancellationToken) is not null)
        {
            return null;
        }

        cancellationToken.ThrowIfCancellationRequested();
        var description = context.Attributes[0].NamedArguments.FirstOrDefault(a => a.Key == "Description").Value.Value as string;
        var type = member.ContainingType;
        var inTraceModel = type.HasAttribute(KnownNames.TraceModelAttribute) && Checks.TraceModelProblem(type) is null;
        var hierarchy = HierarchyInfo.From(type);
        var constraints = ConstraintsParser.Parse(member);

        if (member is IPropertySymbol property && context.TargetNode is PropertyDeclarationSyntax declaration)
        {
            var accessors = declaration.AccessorList!.Accessors
                .Select(a => new AccessorInfo(a.Keyword.ValueText, string.Join(" ", a.Modifiers.Select(m => m.ValueText))))
                .ToEquatableArray();
            return new TrainableMemberInfo(
                hierarchy,
                property.Name,
                FieldName: null,
                property.Type.ToQualified(),
                string.Join(" ", declaration.Modifiers.Select(m => m.ValueText)),
                accessors,
                description ?? DocumentationText.Summary(declaration),
                constraints,
                inTraceModel);
        }

        var field = (IFieldSymbol)member;
        var fieldDeclaration = context.TargetNode.FirstAncestorOrSelf<FieldDeclarationSyntax>();
        return new TrainableMemberInfo(
            hierarchy,
            Checks.PropertyNameForField(field.Name)!,
            field.Name,
            field.Type.ToQualified(),
            "public",
            new EquatableArray<AccessorInfo>(new[] { new AccessorInfo("get", string.Empty), new AccessorInfo("set", string.Empty) }),
            description ?? (fieldDeclaration is null ? null : DocumentationText.Summary(fieldDeclaration)),
            constraints,
            inTraceModel);
    }

    /// <summary>Whether a member of a [TraceModel] is listed: a supported [Trainable] property or field.</summary>
    public static string? ListedPropertyName(ISymbol member, CancellationToken cancellationToken)
    {
        if (member is not (IPropertySymbol or IFieldSymbol) || member.IsImplicitlyDeclared || !member.HasAttribute(KnownNames.TrainableAttribute))
        {
            return null;
        }

        var target = member.DeclaringSyntaxReferences.FirstOrDefault()?.GetSyntax(cancellationToken);
        if (target is null || Checks.TrainableProblem(member, target) is not null)
        {
            return null;
        }

        return member is IFieldSymbol field ? Checks.PropertyNameForField(field.Name) : member.Name;
    }
}
