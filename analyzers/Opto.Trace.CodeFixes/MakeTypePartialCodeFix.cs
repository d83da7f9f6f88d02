using System.Collections.Immutable;
using System.Composition;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeActions;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace Opto.Trace.CodeFixes;

/// <summary>Fixes OPTO0001 by adding <c>partial</c> to the type declaration the diagnostic points at.</summary>
[ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(MakeTypePartialCodeFix))]
[Shared]
public sealed class MakeTypePartialCodeFix : CodeFixProvider
{
    private const string Title = "Make the type partial";

    /// <inheritdoc />
    public override ImmutableArray<string> FixableDiagnosticIds { get; } = ImmutableArray.Create("OPTO0001");

    /// <inheritdoc />
    public override FixAllProvider GetFixAllProvider() => WellKnownFixAllProviders.BatchFixer;

    /// <inheritdoc />
    public override async Task RegisterCodeFixesAsync(CodeFixContext context)
    {
        var root = await context.Document.GetSyntaxRootAsync(context.CancellationToken).ConfigureAwait(false);
        foreach (var diagnostic in context.Diagnostics)
        {
            if (root?.FindToken(diagnostic.Location.SourceSpan.Start).Parent?.FirstAncestorOrSelf<TypeDeclarationSyntax>() is { } declaration)
            {
                context.RegisterCodeFix(
                    CodeAction.Create(Title, token => AddPartialAsync(context.Document, declaration, token), equivalenceKey: Title),
                    diagnostic);
            }
        }
    }

    private static async Task<Document> AddPartialAsync(Document document, TypeDeclarationSyntax declaration, CancellationToken cancellationToken)
    {
        var root = await document.GetSyntaxRootAsync(cancellationToken).ConfigureAwait(false);
        if (root is null || declaration.Modifiers.Any(SyntaxKind.PartialKeyword))
        {
            return document;
        }

        // 'partial' goes last among the modifiers, right before 'class' (or 'record', 'struct'); with no modifiers
        // it takes over the keyword's leading trivia so that comments and indentation stay where they were.
        SyntaxTokenList modifiers;
        TypeDeclarationSyntax updated;
        if (declaration.Modifiers.Count == 0)
        {
            var partial = SyntaxFactory.Token(declaration.Keyword.LeadingTrivia, SyntaxKind.PartialKeyword, SyntaxFactory.TriviaList(SyntaxFactory.Space));
            updated = declaration
                .WithKeyword(declaration.Keyword.WithLeadingTrivia(SyntaxFactory.TriviaList()))
                .WithModifiers(SyntaxFactory.TokenList(partial));
        }
        else
        {
            modifiers = declaration.Modifiers.Add(SyntaxFactory.Token(SyntaxKind.PartialKeyword).WithTrailingTrivia(SyntaxFactory.Space));
            updated = declaration.WithModifiers(modifiers);
        }

        return document.WithSyntaxRoot(root.ReplaceNode(declaration, updated));
    }
}
