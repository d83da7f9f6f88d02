using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using static Microsoft.CodeAnalysis.CSharp.SyntaxFactory;

namespace Opto.Trace.Code;

/// <summary>
/// Rewrites trainable code before it is emitted so that it can be stopped: every loop body and <c>goto</c> starts
/// with <see cref="CodeGuard.Tick"/>; every method, local function, lambda, accessor, constructor and operator body
/// becomes <c>{ Enter(); try { body } finally { Exit(); } }</c> (expression bodies are turned into blocks first);
/// every catch clause gets the filter <c>when (MayCatch())</c>, so that the code cannot swallow its own stop.
/// </summary>
/// <remarks>
/// Inserted tokens carry no line breaks and removed tokens hand their trivia on, so every line of the rewritten code
/// keeps its number: stack traces of the running code still point at the lines the optimizer wrote.
/// </remarks>
internal sealed class GuardInjector(SemanticModel model) : CSharpSyntaxRewriter
{
    private const string Guard = "global::Opto.Trace.Code.CodeGuard.";

    private static readonly StatementSyntax TickStatement = ParseStatement(Guard + nameof(CodeGuard.Tick) + "();");
    private static readonly StatementSyntax EnterStatement = ParseStatement(Guard + nameof(CodeGuard.Enter) + "();");
    private static readonly StatementSyntax ExitStatement = ParseStatement(Guard + nameof(CodeGuard.Exit) + "();");
    private static readonly ExpressionSyntax MayCatchCall = ParseExpression(Guard + nameof(CodeGuard.MayCatch) + "()");

    /// <summary>Returns the rewritten root of <paramref name="root"/>, which must belong to the model's tree.</summary>
    public static SyntaxNode Inject(SemanticModel model, SyntaxNode root) => new GuardInjector(model).Visit(root);

    // ---- bodies ---------------------------------------------------------------------------------------------

    public override SyntaxNode? VisitMethodDeclaration(MethodDeclarationSyntax node) =>
        GuardMember((BaseMethodDeclarationSyntax)base.VisitMethodDeclaration(node)!, model.GetDeclaredSymbol(node));

    public override SyntaxNode? VisitConstructorDeclaration(ConstructorDeclarationSyntax node) =>
        GuardMember((BaseMethodDeclarationSyntax)base.VisitConstructorDeclaration(node)!, model.GetDeclaredSymbol(node));

    public override SyntaxNode? VisitDestructorDeclaration(DestructorDeclarationSyntax node) =>
        GuardMember((BaseMethodDeclarationSyntax)base.VisitDestructorDeclaration(node)!, model.GetDeclaredSymbol(node));

    public override SyntaxNode? VisitOperatorDeclaration(OperatorDeclarationSyntax node) =>
        GuardMember((BaseMethodDeclarationSyntax)base.VisitOperatorDeclaration(node)!, model.GetDeclaredSymbol(node));

    public override SyntaxNode? VisitConversionOperatorDeclaration(ConversionOperatorDeclarationSyntax node) =>
        GuardMember((BaseMethodDeclarationSyntax)base.VisitConversionOperatorDeclaration(node)!, model.GetDeclaredSymbol(node));

    public override SyntaxNode? VisitLocalFunctionStatement(LocalFunctionStatementSyntax node)
    {
        var symbol = model.GetDeclaredSymbol(node) as IMethodSymbol;
        var visited = (LocalFunctionStatementSyntax)base.VisitLocalFunctionStatement(node)!;
        if (visited.Body is { } body)
        {
            return visited.WithBody(GuardBlock(body));
        }

        return visited.ExpressionBody is { } arrow
            ? visited.WithExpressionBody(null).WithSemicolonToken(default).WithBody(ArrowToBlock(arrow, visited.SemicolonToken, symbol))
            : visited;
    }

    public override SyntaxNode? VisitAccessorDeclaration(AccessorDeclarationSyntax node)
    {
        var symbol = model.GetDeclaredSymbol(node);
        var visited = (AccessorDeclarationSyntax)base.VisitAccessorDeclaration(node)!;
        if (visited.Body is { } body)
        {
            return visited.WithBody(GuardBlock(body));
        }

        return visited.ExpressionBody is { } arrow
            ? visited.WithExpressionBody(null).WithSemicolonToken(default).WithBody(ArrowToBlock(arrow, visited.SemicolonToken, symbol))
            : visited;
    }

    public override SyntaxNode? VisitPropertyDeclaration(PropertyDeclarationSyntax node)
    {
        var getter = model.GetDeclaredSymbol(node)?.GetMethod;
        var visited = (PropertyDeclarationSyntax)base.VisitPropertyDeclaration(node)!;
        return visited.ExpressionBody is { } arrow
            ? visited.WithExpressionBody(null).WithSemicolonToken(default).WithAccessorList(ArrowToGetter(arrow, visited.SemicolonToken, getter))
            : visited;
    }

    public override SyntaxNode? VisitIndexerDeclaration(IndexerDeclarationSyntax node)
    {
        var getter = model.GetDeclaredSymbol(node)?.GetMethod;
        var visited = (IndexerDeclarationSyntax)base.VisitIndexerDeclaration(node)!;
        return visited.ExpressionBody is { } arrow
            ? visited.WithExpressionBody(null).WithSemicolonToken(default).WithAccessorList(ArrowToGetter(arrow, visited.SemicolonToken, getter))
            : visited;
    }

    public override SyntaxNode? VisitParenthesizedLambdaExpression(ParenthesizedLambdaExpressionSyntax node) =>
        GuardLambda(node, (AnonymousFunctionExpressionSyntax)base.VisitParenthesizedLambdaExpression(node)!);

    public override SyntaxNode? VisitSimpleLambdaExpression(SimpleLambdaExpressionSyntax node) =>
        GuardLambda(node, (AnonymousFunctionExpressionSyntax)base.VisitSimpleLambdaExpression(node)!);

    public override SyntaxNode? VisitAnonymousMethodExpression(AnonymousMethodExpressionSyntax node) =>
        GuardLambda(node, (AnonymousFunctionExpressionSyntax)base.VisitAnonymousMethodExpression(node)!);

    // ---- loops, goto, catch ---------------------------------------------------------------------------------

    public override SyntaxNode? VisitWhileStatement(WhileStatementSyntax node)
    {
        var visited = (WhileStatementSyntax)base.VisitWhileStatement(node)!;
        return visited.WithStatement(TickFirst(visited.Statement));
    }

    public override SyntaxNode? VisitDoStatement(DoStatementSyntax node)
    {
        var visited = (DoStatementSyntax)base.VisitDoStatement(node)!;
        return visited.WithStatement(TickFirst(visited.Statement));
    }

    public override SyntaxNode? VisitForStatement(ForStatementSyntax node)
    {
        var visited = (ForStatementSyntax)base.VisitForStatement(node)!;
        return visited.WithStatement(TickFirst(visited.Statement));
    }

    public override SyntaxNode? VisitForEachStatement(ForEachStatementSyntax node)
    {
        var visited = (ForEachStatementSyntax)base.VisitForEachStatement(node)!;
        return visited.WithStatement(TickFirst(visited.Statement));
    }

    public override SyntaxNode? VisitForEachVariableStatement(ForEachVariableStatementSyntax node)
    {
        var visited = (ForEachVariableStatementSyntax)base.VisitForEachVariableStatement(node)!;
        return visited.WithStatement(TickFirst(visited.Statement));
    }

    public override SyntaxNode? VisitGotoStatement(GotoStatementSyntax node)
    {
        // A backward goto is a loop too.
        var visited = (GotoStatementSyntax)base.VisitGotoStatement(node)!;
        return Block(TickStatement, visited);
    }

    public override SyntaxNode? VisitCatchClause(CatchClauseSyntax node)
    {
        var visited = (CatchClauseSyntax)base.VisitCatchClause(node)!;
        if (visited.Filter is { } filter)
        {
            var combined = BinaryExpression(SyntaxKind.LogicalAndExpression, MayCatchCall, ParenthesizedExpression(filter.FilterExpression));
            return visited.WithFilter(filter.WithFilterExpression(combined));
        }

        var when = Token(SyntaxKind.WhenKeyword).WithLeadingTrivia(Space).WithTrailingTrivia(Space);
        return visited.WithFilter(CatchFilterClause(when, Token(SyntaxKind.OpenParenToken), MayCatchCall, Token(SyntaxKind.CloseParenToken).WithTrailingTrivia(Space)));
    }

    // ---- helpers --------------------------------------------------------------------------------------------

    private static BaseMethodDeclarationSyntax GuardMember(BaseMethodDeclarationSyntax visited, IMethodSymbol? symbol)
    {
        if (visited.Body is { } body)
        {
            return visited.WithBody(GuardBlock(body));
        }

        return visited.ExpressionBody is { } arrow
            ? visited.WithExpressionBody(null).WithSemicolonToken(default).WithBody(ArrowToBlock(arrow, visited.SemicolonToken, symbol))
            : visited;
    }

    private AnonymousFunctionExpressionSyntax GuardLambda(AnonymousFunctionExpressionSyntax original, AnonymousFunctionExpressionSyntax visited)
    {
        // A lambda converted to an expression tree cannot have a block body (the sandbox refuses those anyway).
        if (model.GetTypeInfo(original).ConvertedType is INamedTypeSymbol { TypeKind: not TypeKind.Delegate })
        {
            return visited;
        }

        var symbol = model.GetSymbolInfo(original).Symbol as IMethodSymbol;
        if (visited.Block is { } block)
        {
            return visited.WithBlock(GuardBlock(block));
        }

        if (visited.ExpressionBody is { } expression)
        {
            var statement = BodyStatement(expression, symbol, Token(SyntaxKind.SemicolonToken));
            return visited.WithExpressionBody(null).WithBlock(Block(EnterStatement, TryFinally(SingletonList(statement))));
        }

        return visited;
    }

    /// <summary><c>{ Enter(); try { statements } finally { Exit(); } }</c>, keeping the block's own braces and their trivia.</summary>
    private static BlockSyntax GuardBlock(BlockSyntax body) =>
        body.WithStatements(List<StatementSyntax>([EnterStatement, TryFinally(body.Statements)]));

    private static TryStatementSyntax TryFinally(SyntaxList<StatementSyntax> statements) =>
        TryStatement(Block(statements), default, FinallyClause(Block(ExitStatement)));

    /// <summary>Turns <c>=&gt; expression;</c> into a guarded block, moving the arrow's and semicolon's trivia onto the braces.</summary>
    private static BlockSyntax ArrowToBlock(ArrowExpressionClauseSyntax arrow, SyntaxToken semicolon, IMethodSymbol? symbol)
    {
        var statement = BodyStatement(arrow.Expression, symbol, Token(SyntaxKind.SemicolonToken));
        var open = Token(SyntaxKind.OpenBraceToken).WithLeadingTrivia(arrow.ArrowToken.LeadingTrivia).WithTrailingTrivia(arrow.ArrowToken.TrailingTrivia);
        var close = Token(SyntaxKind.CloseBraceToken).WithLeadingTrivia(semicolon.LeadingTrivia).WithTrailingTrivia(semicolon.TrailingTrivia);
        return Block(open, List<StatementSyntax>([EnterStatement, TryFinally(SingletonList(statement))]), close);
    }

    private static AccessorListSyntax ArrowToGetter(ArrowExpressionClauseSyntax arrow, SyntaxToken semicolon, IMethodSymbol? getter)
    {
        var body = ArrowToBlock(arrow, default, getter);
        var open = Token(SyntaxKind.OpenBraceToken).WithLeadingTrivia(arrow.ArrowToken.LeadingTrivia).WithTrailingTrivia(arrow.ArrowToken.TrailingTrivia);
        var close = Token(SyntaxKind.CloseBraceToken).WithLeadingTrivia(semicolon.LeadingTrivia).WithTrailingTrivia(semicolon.TrailingTrivia);
        var get = AccessorDeclaration(SyntaxKind.GetAccessorDeclaration, body.WithOpenBraceToken(Token(SyntaxKind.OpenBraceToken)).WithCloseBraceToken(Token(SyntaxKind.CloseBraceToken)));
        return AccessorList(open, SingletonList(get), close);
    }

    /// <summary>The statement an expression body stands for: <c>return e;</c>, <c>e;</c> or <c>throw x;</c>.</summary>
    private static StatementSyntax BodyStatement(ExpressionSyntax expression, IMethodSymbol? symbol, SyntaxToken semicolon)
    {
        if (expression is ThrowExpressionSyntax thrown)
        {
            return ThrowStatement(thrown.ThrowKeyword.WithTrailingTrivia(Space), thrown.Expression, semicolon);
        }

        return ReturnsNothing(symbol)
            ? ExpressionStatement(expression, semicolon)
            : ReturnStatement(Token(SyntaxKind.ReturnKeyword).WithTrailingTrivia(Space), expression, semicolon);
    }

    /// <summary>Whether a body's expression is a statement: void methods, and async methods returning a plain Task or ValueTask.</summary>
    private static bool ReturnsNothing(IMethodSymbol? symbol) =>
        symbol is not null && (symbol.ReturnsVoid || (symbol.IsAsync && symbol.ReturnType is INamedTypeSymbol { IsGenericType: false }));

    private static BlockSyntax TickFirst(StatementSyntax body) => body is BlockSyntax block
        ? block.WithStatements(block.Statements.Insert(0, TickStatement))
        : Block(TickStatement, body);
}
