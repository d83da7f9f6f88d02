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
        if (method.HasAttribute(KnownNames.TrainableAttribute))
        {
            return "a [Trainable] method already gets a traced overload (which runs its current code); remove [Bundle]";
        }

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

    /// <summary>The most parameters a trainable method may take: Opto.Trace.Code calls <c>Func</c> delegates of up to four arguments.</summary>
    public const int MaxTrainableMethodParameters = 4;

    /// <summary>
    /// Why a [Trainable] method cannot get a code parameter (OPTO0002). Its body must be able to stand on its own:
    /// a rewritten version is compiled at run time into its own assembly, from nothing but its text.
    /// </summary>
    public static string? TrainableMethodProblem(IMethodSymbol method, CancellationToken cancellationToken)
    {
        if (method.ContainingType is not { TypeKind: TypeKind.Class })
        {
            return "[Trainable] methods must be declared in a class or record class";
        }

        for (var type = method.ContainingType; type is not null; type = type.ContainingType)
        {
            if (type.IsGenericType)
            {
                return $"'{type.Name}' is generic; a rewritten body is compiled on its own, where the type parameters do not exist";
            }
        }

        if (method.MethodKind != MethodKind.Ordinary)
        {
            return "only ordinary methods can be [Trainable]";
        }

        if (!IsKeyName(method.Name) || SyntaxFacts.GetKeywordKind(method.Name) != SyntaxKind.None)
        {
            return $"the code parameter is keyed by the method's name, which must be made of ASCII letters, digits and '_' and not be a C# keyword ('{method.Name}')";
        }

        if (method.IsStatic)
        {
            return "a code parameter belongs to an instance, so static methods cannot be [Trainable] (the body of an instance method still sees only its parameters)";
        }

        if (method.IsGenericMethod)
        {
            return "generic methods cannot be [Trainable]; make the type arguments concrete";
        }

        if (method.IsAbstract || method.IsVirtual || method.IsOverride || method.IsExtern
            || method.PartialDefinitionPart is not null || method.PartialImplementationPart is not null)
        {
            return "abstract, virtual, override, extern and partial methods cannot be [Trainable]: the code parameter stands for one body of one method";
        }

        var body = method.DeclaringSyntaxReferences.Select(r => r.GetSyntax(cancellationToken)).OfType<MethodDeclarationSyntax>().FirstOrDefault();
        if (body is null || body.Body is null && body.ExpressionBody is null)
        {
            return "the method needs a body: its source is the code parameter's first value";
        }

        if (method.ReturnsVoid || method.ReturnType.Is(KnownNames.Task) && method.ReturnType is INamedTypeSymbol { Arity: 0 }
            || method.ReturnType.Is(KnownNames.ValueTask) && method.ReturnType is INamedTypeSymbol { Arity: 0 })
        {
            return "a traced operation needs a result to send feedback to; return a value (or Task<T>)";
        }

        if (method.ReturnType.Is(KnownNames.ValueTask))
        {
            return "trainable methods cannot return ValueTask<T> yet; return Task<T>";
        }

        if (method.ReturnsByRef || method.ReturnsByRefReadonly)
        {
            return "a trainable method returns its result as a node, so ref returns are not possible";
        }

        if (method.Parameters.Length > MaxTrainableMethodParameters)
        {
            return $"trainable methods take at most {MaxTrainableMethodParameters} parameters (rewritten bodies are called as Func delegates of up to four arguments); pass a record instead";
        }

        foreach (var parameter in method.Parameters)
        {
            if (parameter.Type.IsCancellationToken())
            {
                return $"parameter '{parameter.Name}': trainable methods cannot take a CancellationToken yet; the generated overloads take one that stops the code";
            }

            if (ParameterProblem(parameter) is { } problem)
            {
                return problem;
            }
        }

        foreach (var type in method.Parameters.Select(p => p.Type).Concat([method.ReturnType]))
        {
            if (FirstNonPublicType(type) is { } hidden)
            {
                return $"the type '{hidden.ToDisplayString()}' in its signature must be public: a rewritten body is compiled into an assembly of its own, which can only use public types";
            }
        }

        if (method.ContainingType.GetMembers(method.Name).Count(m => m is IMethodSymbol && m.HasAttribute(KnownNames.TrainableAttribute)) > 1)
        {
            return $"another [Trainable] method is also named '{method.Name}'; code parameters are keyed by the method's name";
        }

        var names = method.Parameters.Length == 0
            ? new[] { TrainableMethodAccessorName(method.Name), TrainedMethodName(method.Name), WithSuffix(method.Name, "Traced") }
            : new[] { TrainableMethodAccessorName(method.Name), TrainedMethodName(method.Name) };
        foreach (var generated in names)
        {
            if (method.ContainingType.GetMembers(generated).Any(m => !m.IsGeneratedByOpto()))
            {
                return $"the generated member '{generated}' would clash with an existing member of that name";
            }
        }

        return null;
    }

    /// <summary>The generated property that holds a trainable method's <c>TrainableMethod</c>: <c>RouteMethod</c>.</summary>
    public static string TrainableMethodAccessorName(string methodName) => methodName + "Method";

    /// <summary>
    /// The generated plain method that runs a trainable method's current code: <c>RouteTrained</c>, or
    /// <c>SummarizeTrainedAsync</c> for <c>SummarizeAsync</c>.
    /// </summary>
    public static string TrainedMethodName(string methodName) => WithSuffix(methodName, "Trained");

    /// <summary><c>Name</c> + suffix, keeping a final <c>Async</c> last: <c>RouteTraced</c>, <c>ReplyTracedAsync</c>.</summary>
    public static string WithSuffix(string methodName, string suffix)
    {
        const string AsyncSuffix = "Async";
        return methodName.EndsWith(AsyncSuffix, System.StringComparison.Ordinal) && methodName.Length > AsyncSuffix.Length
            ? methodName.Substring(0, methodName.Length - AsyncSuffix.Length) + suffix + AsyncSuffix
            : methodName + suffix;
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

    /// <summary>Whether a name is a valid parameter key on its own: <c>[A-Za-z_][A-Za-z0-9_]*</c> (see ParameterNode).</summary>
    private static bool IsKeyName(string name)
    {
        if (name.Length == 0 || !(IsAsciiLetter(name[0]) || name[0] == '_'))
        {
            return false;
        }

        foreach (var c in name)
        {
            if (!(IsAsciiLetter(c) || c == '_' || c is >= '0' and <= '9'))
            {
                return false;
            }
        }

        return true;

        static bool IsAsciiLetter(char c) => c is >= 'a' and <= 'z' or >= 'A' and <= 'Z';
    }

    /// <summary>The type, or a type it is made of, that is not visible outside its assembly.</summary>
    private static ITypeSymbol? FirstNonPublicType(ITypeSymbol type)
    {
        switch (type)
        {
            case IArrayTypeSymbol array:
                return FirstNonPublicType(array.ElementType);
            case INamedTypeSymbol named:
                for (var t = named; t is not null; t = t.ContainingType)
                {
                    if (t.DeclaredAccessibility != Accessibility.Public)
                    {
                        return t;
                    }
                }

                return named.TypeArguments.Select(FirstNonPublicType).FirstOrDefault(t => t is not null);
            default:
                return null;
        }
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
