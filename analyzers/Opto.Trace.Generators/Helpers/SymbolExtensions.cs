using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;

namespace Opto.Trace.Generators.Helpers;

/// <summary>Small questions about symbols that the parsers and analyzers share.</summary>
internal static class SymbolExtensions
{
    /// <summary>Fully qualified, with <c>global::</c> and nullable annotations, so generated code never depends on usings.</summary>
    public static readonly SymbolDisplayFormat QualifiedFormat = SymbolDisplayFormat.FullyQualifiedFormat
        .AddMiscellaneousOptions(SymbolDisplayMiscellaneousOptions.IncludeNullableReferenceTypeModifier);

    public static string ToQualified(this ITypeSymbol type) => type.ToDisplayString(QualifiedFormat);

    public static bool HasAttribute(this ISymbol symbol, string metadataName) =>
        symbol.GetAttributes().Any(a => a.AttributeClass?.ToDisplayString() == metadataName);

    public static AttributeData? FindAttribute(this ISymbol symbol, string metadataName) =>
        symbol.GetAttributes().FirstOrDefault(a => a.AttributeClass?.ToDisplayString() == metadataName);

    /// <summary>Whether the type is <paramref name="metadataName"/> itself (for generic types: its definition).</summary>
    public static bool Is(this ITypeSymbol? type, string metadataName) =>
        type is INamedTypeSymbol named && named.ConstructedFrom.ToDisplayString(SymbolDisplayFormat.FullyQualifiedFormat.WithGlobalNamespaceStyle(SymbolDisplayGlobalNamespaceStyle.Omitted).WithGenericsOptions(SymbolDisplayGenericsOptions.None)) == metadataName;

    /// <summary>Whether this generator wrote the member (it carries our <c>[GeneratedCode]</c>).</summary>
    public static bool IsGeneratedByOpto(this ISymbol symbol) =>
        symbol.GetAttributes().Any(a =>
            a.AttributeClass?.ToDisplayString() == "System.CodeDom.Compiler.GeneratedCodeAttribute"
            && a.ConstructorArguments.Length > 0
            && a.ConstructorArguments[0].Value as string == KnownNames.GeneratorName);

    public static bool IsCancellationToken(this ITypeSymbol type) => type.Is(KnownNames.CancellationToken);

    /// <summary>An identifier as C# source: keywords get an '@'.</summary>
    public static string ToIdentifier(this string name) =>
        SyntaxFacts.GetKeywordKind(name) != SyntaxKind.None ? "@" + name : name;

    public static string ToKeyword(this Accessibility accessibility) => accessibility switch
    {
        Accessibility.Public => "public",
        Accessibility.Internal => "internal",
        Accessibility.Protected => "protected",
        Accessibility.ProtectedOrInternal => "protected internal",
        Accessibility.ProtectedAndInternal => "private protected",
        _ => "private",
    };
}
