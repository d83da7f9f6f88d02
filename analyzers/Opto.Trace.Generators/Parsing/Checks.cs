using System.Linq;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Opto.Trace.Generators.Helpers;

namespace Opto.Trace.Generators.Parsing;

/// <summary>
/// The rules for what the generator supports, shared by the generator (which skips what breaks them) and the
/// analyzers (which report it), so that the two never disagree. Each check returns why a member is not supported,
/// in words that complete "… is not supported: ", or <see langword="null"/>.
/// </summary>
internal static class Checks
{
    /// <summary>The type, or the first of its containing types, that is not declared <c>partial</c> (OPTO0001).</summary>
    public static INamedTypeSymbol? FirstNonPartialType(INamedTypeSymbol type, CancellationToken cancellationToken)
    {
        for (var current = type; current is not null; current = current.ContainingType)
        {
            foreach (var reference in current.DeclaringSyntaxReferences)
            {
                if (reference.GetSyntax(cancellationToken) is TypeDeclarationSyntax declaration
                    && !declaration.Modifiers.Any(SyntaxKind.PartialKeyword))
                {
                    return current;
                }
            }
        }

        return null;
    }

    /// <summary>Why a [Bundle] method cannot get a traced overload (OPTO0002).</summary>
    public static string? BundleProblem(IMethodSymbol method)
    {
        if (method.ContainingType is not { TypeKind: TypeKind.Class })
        {
            return "[Bundle] methods must be declared in a class or record class";
        }

        if (method.IsGenericMethod)
        {
            return "generic methods cannot be traced yet; make the type arguments concrete or call Bundle.Invoke directly";
        }

        if (method.IsExtensionMethod)
        {
            return "extension methods cannot be traced; call Bundle.Invoke directly";
        }

        if (method.ReturnsByRef || method.ReturnsByRefReadonly)
        {
            return "a traced method returns its result as a node, so ref returns are not possible";
        }

        if (method.ReturnsVoid || method.ReturnType.Is(KnownNames.Task) && method.ReturnType is INamedTypeSymbol { Arity: 0 }
            || method.ReturnType.Is(KnownNames.ValueTask) && method.ReturnType is INamedTypeSymbol { Arity: 0 })
        {
            return "a traced operation needs a result to send feedback to; return a value (or Task<T>)";
        }

        if (ResultType(method) is { } result && (result.IsRefLikeType || result.TypeKind is TypeKind.Pointer or TypeKind.FunctionPointer))
        {
            return $"the result type '{result.ToDisplayString()}' cannot be held by a node";
        }

        foreach (var parameter in method.Parameters)
        {
            if (ParameterProblem(parameter) is { } problem)
            {
                return problem;
            }
        }

        return null;
    }

    /// <summary>The result as a node holds it: <c>T</c> for <c>T</c>, <c>Task&lt;T&gt;</c> and <c>ValueTask&lt;T&gt;</c>.</summary>
    public static ITypeSymbol? ResultType(IMethodSymbol method) =>
        method.ReturnType is INamedTypeSymbol { Arity: 1 } named && (named.Is(KnownNames.Task) || named.Is(KnownNames.ValueTask))
            ? named.TypeArguments[0]
            : method.ReturnsVoid ? null : method.ReturnType;

    /// <summary>Why a [Trainable] property or field cannot get a parameter (OPTO0002), given the attribute's target syntax.</summary>
    public static string? TrainableProblem(ISymbol member, SyntaxNode target)
    {
        if (member.ContainingType is not { TypeKind: TypeKind.Class })
        {
            return "[Trainable] members must be declared in a class or record class";
        }

        if (member.IsStatic)
        {
            return "a parameter belongs to an instance, so static members cannot be [Trainable]";
        }

        switch (member)
        {
            case IPropertySymbol property:
                if (property.IsIndexer || target is IndexerDeclarationSyntax)
                {
                    return "indexers cannot be [Trainable]";
                }

                if (property.ReturnsByRef || property.ReturnsByRefReadonly)
                {
                    return "ref properties cannot be [Trainable]";
                }

                if (target is not PropertyDeclarationSyntax declaration || !declaration.Modifiers.Any(SyntaxKind.PartialKeyword))
                {
                    return "the property must be declared 'partial' (for example 'public partial string Prompt { get; set; }') so that the generator can implement it";
                }

                if (declaration.ExpressionBody is not null || declaration.AccessorList is null
                    || declaration.AccessorList.Accessors.Any(a => a.Body is not null || a.ExpressionBody is not null))
                {
                    return "put [Trainable] on the partial declaration without accessor bodies; the generator writes the implementation";
                }

                if (!declaration.AccessorList.Accessors.Any(a => a.IsKind(SyntaxKind.GetAccessorDeclaration)))
                {
                    return "a [Trainable] property needs a get accessor";
                }

                return NodeAccessorProblem(property.ContainingType, property.Name) ?? ValueTypeProblem(property.Type);

            case IFieldSymbol field:
                if (field.IsConst)
                {
                    return "constants cannot be [Trainable]";
                }

                var name = PropertyNameForField(field.Name);
                if (name is null)
                {
                    return $"no property name can be made from the field name '{field.Name}' (use a name such as '_prompt' for a property 'Prompt')";
                }

                if (field.ContainingType.GetMembers(name).Any(m => !m.IsGeneratedByOpto()))
                {
                    return $"the generated property '{name}' would clash with an existing member of that name";
                }

                return NodeAccessorProblem(field.ContainingType, name) ?? ValueTypeProblem(field.Type);

            default:
                return "only properties and fields can be [Trainable] parameters";
        }
    }

    /// <summary>Why a [TraceModel] class cannot get Parameters() (OPTO0002).</summary>
    public static string? TraceModelProblem(INamedTypeSymbol type)
    {
        if (type.TypeKind != TypeKind.Class)
        {
            return "[TraceModel] applies to classes and record classes";
        }

        if (type.IsStatic)
        {
            return "a static class has no instances whose parameters could be listed";
        }

        for (var baseType = type.BaseType; baseType is not null; baseType = baseType.BaseType)
        {
            if (baseType.HasAttribute(KnownNames.TraceModelAttribute))
            {
                return $"a [TraceModel] class cannot derive from another [TraceModel] class ('{baseType.Name}') yet; hold it as a member instead";
            }
        }

        return null;
    }

    /// <summary>
    /// Whether a member of this type is listed as a nested model: a class marked [TraceModel] that has (or, from
    /// source, will have) the generated <c>CollectParameters</c>.
    /// </summary>
    public static bool IsNestedModelType(ITypeSymbol type, CancellationToken cancellationToken)
    {
        if (type is not INamedTypeSymbol { TypeKind: TypeKind.Class } named || !named.HasAttribute(KnownNames.TraceModelAttribute))
        {
            return false;
        }

        if (named.DeclaringSyntaxReferences.Length == 0)
        {
            return named.GetMembers(KnownNames.CollectParametersMethod).Any(m => m is IMethodSymbol { DeclaredAccessibility: Accessibility.Public });
        }

        return TraceModelProblem(named) is null && FirstNonPartialType(named, cancellationToken) is null;
    }

    /// <summary><c>_systemPrompt</c>, <c>m_systemPrompt</c> and <c>systemPrompt</c> give <c>SystemPrompt</c>.</summary>
    public static string? PropertyNameForField(string fieldName)
    {
        var name = fieldName;
        if (name.Length > 2 && (name.StartsWith("m_", System.StringComparison.Ordinal) || name.StartsWith("s_", System.StringComparison.Ordinal)))
        {
            name = name.Substring(2);
        }

        name = name.TrimStart('_');
        if (name.Length == 0 || !char.IsLetter(name[0]))
        {
            return null;
        }

        name = char.ToUpperInvariant(name[0]) + name.Substring(1);
        return name == fieldName ? null : name;
    }

    private static string? NodeAccessorProblem(INamedTypeSymbol type, string propertyName) =>
        type.GetMembers(propertyName + "Node").Any(m => !m.IsGeneratedByOpto())
            ? $"the generated accessor '{propertyName}Node' would clash with an existing member of that name"
            : null;

    private static string? ParameterProblem(IParameterSymbol parameter)
    {
        if (parameter.RefKind != RefKind.None)
        {
            return $"parameter '{parameter.Name}' is passed by reference (ref, out or in); a traced overload passes nodes by value";
        }

        if (parameter.IsParams)
        {
            return $"parameter '{parameter.Name}' is a params parameter; take an array or list instead";
        }

        if (parameter.Type.IsCancellationToken())
        {
            return null;
        }

        return ValueTypeProblem(parameter.Type) is { } problem ? $"parameter '{parameter.Name}': {problem}" : null;
    }

    private static string? ValueTypeProblem(ITypeSymbol type) =>
        type.IsRefLikeType || type.TypeKind is TypeKind.Pointer or TypeKind.FunctionPointer
            ? $"the type '{type.ToDisplayString()}' cannot be held by a node (pointers and ref structs such as Span<T> live only on the stack)"
            : null;
}
