using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Opto.Trace.Generators.Helpers;
using Opto.Trace.Generators.Models;

namespace Opto.Trace.Generators.Parsing;

/// <summary>Turns a [Bundle] method into a <see cref="BundleMethodInfo"/>, or nothing when the analyzers report it.</summary>
internal static class BundleParser
{
    public static BundleMethodInfo? Parse(GeneratorAttributeSyntaxContext context, CancellationToken cancellationToken)
    {
        if (context.TargetSymbol is not IMethodSymbol method || context.TargetNode is not MethodDeclarationSyntax syntax
            || Checks.BundleProblem(method) is not null
            || Checks.FirstNonPartialType(method.ContainingType, cancellationToken) is not null)
        {
            return null;
        }

        cancellationToken.ThrowIfCancellationRequested();
        var parameters = method.Parameters
            .Select(p => new BundleParameterInfo(
                p.Name.ToIdentifier(),
                p.Name,
                p.Type.ToQualified(),
                p.Type.IsCancellationToken(),
                p.Type.IsCancellationToken() && p.HasExplicitDefaultValue ? "default" : null))
            .ToEquatableArray();

        var result = method.ReturnType is INamedTypeSymbol { Arity: 1 } named
            ? named.Is(KnownNames.Task) ? ResultKind.Task : named.Is(KnownNames.ValueTask) ? ResultKind.ValueTask : ResultKind.Value
            : ResultKind.Value;
        var (path, line) = SourceInfo.Location(syntax);

        return new BundleMethodInfo(
            HierarchyInfo.From(method.ContainingType),
            method.Name,
            OverloadName(method, parameters),
            context.Attributes[0].NamedArguments.FirstOrDefault(a => a.Key == "Name").Value.Value as string ?? method.Name,
            method.DeclaredAccessibility.ToKeyword(),
            method.IsStatic,
            HidesInherited(method),
            Checks.ResultType(method)!.ToQualified(),
            result,
            parameters,
            DocumentationText.Summary(syntax),
            SourceInfo.Text(syntax),
            path,
            line,
            syntax.SyntaxTree.Options is CSharpParseOptions { LanguageVersion: >= LanguageVersion.CSharp11 });
    }

    /// <summary>
    /// Groups methods by the type that declares them, keeping the order in which they were found, so that each type
    /// gets one file: the compiler pays per syntax tree and per partial declaration, not only per member.
    /// </summary>
    public static ImmutableArray<BundleTypeInfo> GroupByType(ImmutableArray<BundleMethodInfo?> methods, CancellationToken cancellationToken)
    {
        var order = new List<HierarchyInfo>();
        var byType = new Dictionary<HierarchyInfo, List<BundleMethodInfo>>();
        foreach (var method in methods)
        {
            cancellationToken.ThrowIfCancellationRequested();
            if (method is null)
            {
                continue;
            }

            if (!byType.TryGetValue(method.Hierarchy, out var list))
            {
                list = new List<BundleMethodInfo>();
                byType.Add(method.Hierarchy, list);
                order.Add(method.Hierarchy);
            }

            list.Add(method);
        }

        return order.Select(h => new BundleTypeInfo(h, byType[h].ToEquatableArray())).ToImmutableArray();
    }

    /// <summary>
    /// The traced overload keeps the method's name, except when every argument is a cancellation token: then it
    /// would differ only by return type, so it is called <c>NameTraced</c> (<c>NameTracedAsync</c> for <c>NameAsync</c>).
    /// </summary>
    private static string OverloadName(IMethodSymbol method, EquatableArray<BundleParameterInfo> parameters)
    {
        if (parameters.Any(p => !p.IsCancellationToken))
        {
            return method.Name;
        }

        return Checks.WithSuffix(method.Name, "Traced");
    }

    /// <summary>An override of a [Bundle] method gets an overload of the same shape as its base's, which it must hide.</summary>
    private static bool HidesInherited(IMethodSymbol method)
    {
        for (var overridden = method.OverriddenMethod; overridden is not null; overridden = overridden.OverriddenMethod)
        {
            if (overridden.HasAttribute(KnownNames.BundleAttribute))
            {
                return true;
            }
        }

        return false;
    }
}
