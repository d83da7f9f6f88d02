using System.Collections.Generic;
using System.Linq;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Text;
using Opto.Trace.Generators.Helpers;
using Opto.Trace.Generators.Models;

namespace Opto.Trace.Generators.Parsing;

/// <summary>
/// Turns a [Trainable] method into a <see cref="TrainableMethodInfo"/>, or nothing when the analyzers report it
/// (OPTO0001, OPTO0002, or OPTO0005 when the compilation lacks Opto.Trace.Code).
/// </summary>
internal static class TrainableMethodParser
{
    /// <summary>
    /// The namespaces Opto.Trace.Code imports into every compiled body (<c>CodeCompilerOptions.DefaultUsings</c>); the
    /// first value of a code parameter lists only the usings it needs beyond these.
    /// </summary>
    private static readonly HashSet<string> ImplicitNamespaces = new(System.StringComparer.Ordinal)
    {
        "System", "System.Collections.Generic", "System.Linq", "System.Text", "System.Threading.Tasks",
    };

    public static TrainableMethodInfo? Parse(GeneratorAttributeSyntaxContext context, CancellationToken cancellationToken)
    {
        if (context.TargetSymbol is not IMethodSymbol method || context.TargetNode is not MethodDeclarationSyntax syntax
            || !IsCodeAvailable(context.SemanticModel.Compilation)
            || Checks.TrainableMethodProblem(method, cancellationToken) is not null
            || Checks.FirstNonPartialType(method.ContainingType, cancellationToken) is not null)
        {
            return null;
        }

        cancellationToken.ThrowIfCancellationRequested();
        var type = method.ContainingType;
        var isAsync = method.ReturnType.Is(KnownNames.Task);
        var parameters = method.Parameters
            .Select(p => new TrainableParameterInfo(p.Name.ToIdentifier(), p.Type.ToQualified(), DefaultValue(p)))
            .ToEquatableArray();
        var summary = DocumentationText.Summary(syntax);
        var description = context.Attributes[0].NamedArguments.FirstOrDefault(a => a.Key == "Description").Value.Value as string;
        var rules = method.GetAttributes()
            .Where(a => a.AttributeClass?.ToDisplayString() == KnownNames.ConstraintAttribute && a.ConstructorArguments.Length == 1)
            .Select(a => (a.ConstructorArguments[0].Value as string)?.Trim())
            .Where(t => !string.IsNullOrEmpty(t))
            .ToList();

        return new TrainableMethodInfo(
            HierarchyInfo.From(type),
            method.Name,
            method.Parameters.Length == 0 ? Checks.WithSuffix(method.Name, "Traced") : method.Name,
            Checks.TrainedMethodName(method.Name),
            method.DeclaredAccessibility.ToKeyword(),
            method.ReturnType.ToQualified(),
            Checks.ResultType(method)!.ToQualified(),
            isAsync,
            parameters,
            description ?? summary,
            summary,
            rules.Count == 0 ? null : string.Join(" ", rules),
            Source(syntax, context.SemanticModel, type, cancellationToken),
            type.HasAttribute(KnownNames.TraceModelAttribute) && Checks.TraceModelProblem(type) is null);
    }

    /// <summary>Whether the compilation references Opto.Trace.Code, which generated code for trainable methods uses.</summary>
    public static bool IsCodeAvailable(Compilation compilation) =>
        compilation.GetTypeByMetadataName(KnownNames.TrainableMethodType) is not null;

    /// <summary>Whether a member of a [TraceModel] is a trainable method it lists (by its name, the parameter's key).</summary>
    public static bool IsListed(ISymbol member, Compilation compilation, CancellationToken cancellationToken) =>
        member is IMethodSymbol { IsImplicitlyDeclared: false } method
        && method.HasAttribute(KnownNames.TrainableAttribute)
        && Checks.TrainableMethodProblem(method, cancellationToken) is null
        && IsCodeAvailable(compilation);

    /// <summary>
    /// The code parameter's first value: the declaration from its modifiers to its end, as written (attributes and
    /// comments before it left out, the class's indentation removed), after the <c>using</c> directives that a
    /// compilation of that text alone needs beyond the implicit ones.
    /// </summary>
    private static string Source(MethodDeclarationSyntax syntax, SemanticModel model, INamedTypeSymbol type, CancellationToken cancellationToken)
    {
        var start = syntax.Modifiers.Count > 0 ? syntax.Modifiers[0].SpanStart : syntax.ReturnType.SpanStart;
        var text = syntax.SyntaxTree.GetText(cancellationToken);
        var declaration = SourceInfo.Dedent(text.ToString(TextSpan.FromBounds(start, syntax.Span.End)), text.Lines.GetLineFromPosition(start));

        var usings = Usings(syntax, model, type, cancellationToken);
        return usings.Count == 0 ? declaration : string.Join("\n", usings) + "\n\n" + declaration;
    }

    /// <summary>The usings (plain, static and aliases) that the names in the declaration were found through.</summary>
    private static List<string> Usings(MethodDeclarationSyntax syntax, SemanticModel model, INamedTypeSymbol type, CancellationToken cancellationToken)
    {
        var namespaces = new SortedSet<string>(System.StringComparer.Ordinal);
        var statics = new SortedSet<string>(System.StringComparer.Ordinal);
        var aliases = new SortedSet<string>(System.StringComparer.Ordinal);
        foreach (var node in syntax.DescendantNodes(n => n is not AttributeListSyntax))
        {
            cancellationToken.ThrowIfCancellationRequested();
            if (node is not SimpleNameSyntax name || name is IdentifierNameSyntax { IsVar: true })
            {
                continue;
            }

            if (model.GetAliasInfo(name, cancellationToken) is { } alias)
            {
                aliases.Add($"using {alias.Name} = {alias.Target.ToDisplayString()};");
                continue;
            }

            var info = model.GetSymbolInfo(name, cancellationToken);
            var symbol = info.Symbol ?? info.CandidateSymbols.FirstOrDefault();
            if (symbol is null)
            {
                continue;
            }

            if (IsQualified(name))
            {
                // After a dot only extension methods depend on a using.
                if (symbol is IMethodSymbol { ReducedFrom: { } extension })
                {
                    AddNamespace(namespaces, extension.ContainingType);
                }

                continue;
            }

            switch (symbol)
            {
                case INamedTypeSymbol named:
                    AddNamespace(namespaces, named);
                    break;
                case IMethodSymbol { IsStatic: true, MethodKind: MethodKind.Ordinary } or IFieldSymbol { IsStatic: true }
                    or IPropertySymbol { IsStatic: true } or IEventSymbol { IsStatic: true }
                    when symbol.ContainingType is { } container && !IsOwnChain(container, type):
                    // A static member named without its type came through 'using static'.
                    statics.Add("using static " + container.ToDisplayString() + ";");
                    break;
            }
        }

        return [.. namespaces.Where(n => !ImplicitNamespaces.Contains(n)).Select(n => "using " + n + ";"), .. statics, .. aliases];
    }

    private static bool IsQualified(SimpleNameSyntax name) => name.Parent switch
    {
        MemberAccessExpressionSyntax access => access.Name == name,
        QualifiedNameSyntax qualified => qualified.Right == name,
        AliasQualifiedNameSyntax aliased => aliased.Name == name,
        MemberBindingExpressionSyntax => true,
        _ => false,
    };

    private static void AddNamespace(SortedSet<string> namespaces, INamedTypeSymbol type)
    {
        var outermost = type;
        while (outermost.ContainingType is not null)
        {
            outermost = outermost.ContainingType;
        }

        if (outermost.ContainingNamespace is { IsGlobalNamespace: false } ns)
        {
            namespaces.Add(ns.ToDisplayString());
        }
    }

    /// <summary>The class, its base classes and the classes it is nested in: what unqualified member names find first.</summary>
    public static bool IsOwnChain(INamedTypeSymbol candidate, INamedTypeSymbol type)
    {
        for (var outer = type; outer is not null; outer = outer.ContainingType)
        {
            for (var current = outer; current is not null; current = current.BaseType)
            {
                if (SymbolEqualityComparer.Default.Equals(current.OriginalDefinition, candidate.OriginalDefinition))
                {
                    return true;
                }
            }
        }

        return false;
    }

    /// <summary>A parameter's default value as a C# expression of its type, or <see langword="null"/>.</summary>
    private static string? DefaultValue(IParameterSymbol parameter)
    {
        if (!parameter.HasExplicitDefaultValue)
        {
            return null;
        }

        var value = parameter.ExplicitDefaultValue;
        if (value is null)
        {
            return "default";
        }

        var type = parameter.Type is INamedTypeSymbol { OriginalDefinition.SpecialType: SpecialType.System_Nullable_T } nullable
            ? nullable.TypeArguments[0]
            : parameter.Type;
        var literal = value switch
        {
            float f => float.IsNaN(f) ? "global::System.Single.NaN"
                : float.IsPositiveInfinity(f) ? "global::System.Single.PositiveInfinity"
                : float.IsNegativeInfinity(f) ? "global::System.Single.NegativeInfinity"
                : f.ToString("R", System.Globalization.CultureInfo.InvariantCulture) + "f",
            double d => double.IsNaN(d) ? "global::System.Double.NaN"
                : double.IsPositiveInfinity(d) ? "global::System.Double.PositiveInfinity"
                : double.IsNegativeInfinity(d) ? "global::System.Double.NegativeInfinity"
                : d.ToString("R", System.Globalization.CultureInfo.InvariantCulture) + "d",
            decimal m => m.ToString(System.Globalization.CultureInfo.InvariantCulture) + "m",
            _ => SymbolDisplay.FormatPrimitive(value, quoteStrings: true, useHexadecimalNumbers: false),
        };
        return type.TypeKind == TypeKind.Enum ? $"({type.ToQualified()})({literal})" : literal;
    }
}
