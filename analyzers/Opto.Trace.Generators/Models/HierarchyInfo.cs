using System.Collections.Generic;
using System.Linq;
using Microsoft.CodeAnalysis;
using Opto.Trace.Generators.Helpers;

namespace Opto.Trace.Generators.Models;

/// <summary>One type of the chain that encloses generated members, outermost first.</summary>
/// <param name="Keyword">How the type is declared: <c>class</c>, <c>record</c>, <c>struct</c>, <c>record struct</c> or <c>interface</c>.</param>
/// <param name="Name">The type's name with its type parameters, e.g. <c>Cache&lt;T&gt;</c>.</param>
internal sealed record TypeDeclarationInfo(string Keyword, string Name);

/// <summary>
/// Where generated members go: the namespace and the chain of partial types that must be declared again around
/// them. Only names are kept (no symbols), so the model compares by value.
/// </summary>
/// <param name="Namespace">The namespace, or an empty string for the global namespace.</param>
/// <param name="Types">The containing types, outermost first; the last one receives the members.</param>
/// <param name="HintName">A file-name-safe, unique name of the innermost type, used as the prefix of hint names.</param>
internal sealed record HierarchyInfo(string Namespace, EquatableArray<TypeDeclarationInfo> Types, string HintName)
{
    public static HierarchyInfo From(INamedTypeSymbol type)
    {
        var chain = new List<INamedTypeSymbol>();
        for (var current = type; current is not null; current = current.ContainingType)
        {
            chain.Add(current);
        }

        chain.Reverse();
        var ns = type.ContainingNamespace is { IsGlobalNamespace: false } n ? n.ToDisplayString() : string.Empty;
        var types = chain.Select(t => new TypeDeclarationInfo(Keyword(t), t.ToDisplayString(NameFormat))).ToEquatableArray();
        var hint = (ns.Length == 0 ? string.Empty : ns + ".") + string.Join(".", chain.Select(t => t.MetadataName));
        return new HierarchyInfo(ns, types, SourceInfo.HintSafe(hint));
    }

    private static readonly SymbolDisplayFormat NameFormat = new(
        genericsOptions: SymbolDisplayGenericsOptions.IncludeTypeParameters,
        miscellaneousOptions: SymbolDisplayMiscellaneousOptions.EscapeKeywordIdentifiers);

    private static string Keyword(INamedTypeSymbol type) => type switch
    {
        { IsRecord: true, TypeKind: TypeKind.Struct } => "record struct",
        { IsRecord: true } => "record",
        { TypeKind: TypeKind.Struct } => "struct",
        { TypeKind: TypeKind.Interface } => "interface",
        _ => "class",
    };
}
