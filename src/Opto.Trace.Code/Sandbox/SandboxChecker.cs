using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace Opto.Trace.Code;

/// <summary>
/// Walks trainable code with the compiler's semantic model and lists everything the <see cref="SandboxPolicy"/>
/// refuses. Symbols are resolved, never matched as text, so aliases, <c>global::</c> names, <c>var</c> and method
/// groups cannot hide a forbidden API; the type of every expression is judged too.
/// </summary>
internal sealed class SandboxChecker
{
    private readonly SandboxPolicy _policy;
    private readonly SemanticModel _model;
    private readonly IAssemblySymbol _ownAssembly;
    private readonly Dictionary<ISymbol, string?> _typeVerdicts = new(SymbolEqualityComparer.Default);
    private readonly List<SandboxFinding> _findings = [];

    private SandboxChecker(SandboxPolicy policy, SemanticModel model)
    {
        _policy = policy;
        _model = model;
        _ownAssembly = model.Compilation.Assembly;
    }

    /// <summary>Lists what the policy refuses in <paramref name="root"/>.</summary>
    public static IReadOnlyList<SandboxFinding> Check(SandboxPolicy policy, SemanticModel model, SyntaxNode root, CancellationToken cancellationToken)
    {
        var checker = new SandboxChecker(policy, model);
        foreach (var node in root.DescendantNodesAndSelf())
        {
            cancellationToken.ThrowIfCancellationRequested();
            checker.CheckLanguage(node);
            checker.CheckSymbols(node);
        }

        return checker._findings;
    }

    private void CheckLanguage(SyntaxNode node)
    {
        switch (node)
        {
            case UnsafeStatementSyntax:
                Refuse(node, "unsafe", "unsafe code is not allowed");
                break;
            case PointerTypeSyntax or FunctionPointerTypeSyntax:
                Refuse(node, "pointer", "pointers are not allowed (unsafe code)");
                break;
            case FixedStatementSyntax:
                Refuse(node, "fixed", "'fixed' is not allowed (unsafe code)");
                break;
            case StackAllocArrayCreationExpressionSyntax or ImplicitStackAllocArrayCreationExpressionSyntax:
                Refuse(node, "stackalloc", "'stackalloc' is not allowed; use an array");
                break;
            case DestructorDeclarationSyntax:
                Refuse(node, "finalizer", "finalizers are not allowed (they run on the runtime's own thread, outside the time budget)");
                break;
            case ExternAliasDirectiveSyntax:
                Refuse(node, "extern alias", "'extern alias' is not allowed");
                break;
            case MakeRefExpressionSyntax or RefTypeExpressionSyntax or RefValueExpressionSyntax:
                Refuse(node, "typed reference", "__makeref, __reftype and __refvalue are not allowed");
                break;
            case ExpressionSyntax when node.IsKind(SyntaxKind.ArgListExpression):
                Refuse(node, "__arglist", "__arglist is not allowed");
                break;
            case MemberDeclarationSyntax member:
                CheckModifiers(member, member.Modifiers);
                break;
            case LocalFunctionStatementSyntax local:
                CheckModifiers(local, local.Modifiers);
                CheckAsyncVoid(local, _model.GetDeclaredSymbol(local) as IMethodSymbol);
                break;
            case AnonymousFunctionExpressionSyntax lambda when lambda.AsyncKeyword.IsKind(SyntaxKind.AsyncKeyword):
                CheckAsyncVoid(lambda, _model.GetSymbolInfo(lambda).Symbol as IMethodSymbol);
                break;
        }

        if (node is MethodDeclarationSyntax method)
        {
            CheckAsyncVoid(method, _model.GetDeclaredSymbol(method));
        }
    }

    private void CheckModifiers(SyntaxNode node, SyntaxTokenList modifiers)
    {
        foreach (var modifier in modifiers)
        {
            if (modifier.IsKind(SyntaxKind.UnsafeKeyword))
            {
                Refuse(node, "unsafe", "unsafe code is not allowed");
            }
            else if (modifier.IsKind(SyntaxKind.ExternKeyword))
            {
                Refuse(node, "extern", "'extern' methods are not allowed (native code through P/Invoke)");
            }
            else if (modifier.IsKind(SyntaxKind.FixedKeyword))
            {
                Refuse(node, "fixed", "fixed-size buffers are not allowed (unsafe code)");
            }
        }
    }

    private void CheckAsyncVoid(SyntaxNode node, IMethodSymbol? method)
    {
        if (method is { IsAsync: true, ReturnsVoid: true })
        {
            Refuse(node, "async void", "'async void' is not allowed (an exception in it would crash the process); return Task instead");
        }
    }

    private void CheckSymbols(SyntaxNode node)
    {
        if (node is SimpleNameSyntax or AttributeSyntax or BaseObjectCreationExpressionSyntax or ElementAccessExpressionSyntax
            or ImplicitElementAccessSyntax or BinaryExpressionSyntax or PrefixUnaryExpressionSyntax or PostfixUnaryExpressionSyntax
            or AssignmentExpressionSyntax or CastExpressionSyntax or ConstructorInitializerSyntax or PrimaryConstructorBaseTypeSyntax)
        {
            var info = _model.GetSymbolInfo(node);
            if (info.Symbol is { } symbol)
            {
                JudgeSymbol(node, symbol);
            }
            else
            {
                // Code that fails overload resolution still names an API; say so alongside the compiler's error.
                foreach (var candidate in info.CandidateSymbols)
                {
                    JudgeSymbol(node, candidate);
                }
            }
        }

        if (node is ExpressionSyntax expression)
        {
            var type = _model.GetTypeInfo(expression);
            JudgeType(node, type.Type);
            if (!SymbolEqualityComparer.Default.Equals(type.Type, type.ConvertedType))
            {
                JudgeType(node, type.ConvertedType);
            }
        }
    }

    private void JudgeSymbol(SyntaxNode node, ISymbol symbol)
    {
        switch (symbol)
        {
            case IAliasSymbol alias:
                JudgeSymbol(node, alias.Target);
                break;
            case ITypeSymbol type:
                JudgeType(node, type);
                break;
            case IMethodSymbol method:
                method = method.ReducedFrom ?? method;
                if (method.MethodKind is MethodKind.LocalFunction or MethodKind.AnonymousFunction)
                {
                    break;
                }

                JudgeMember(node, method, method.MethodKind is MethodKind.Constructor or MethodKind.StaticConstructor ? ".ctor" : method.Name);
                foreach (var argument in method.TypeArguments)
                {
                    JudgeType(node, argument);
                }

                break;
            case IPropertySymbol or IFieldSymbol or IEventSymbol:
                JudgeMember(node, symbol, symbol.Name);
                break;
        }
    }

    private void JudgeMember(SyntaxNode node, ISymbol member, string name)
    {
        var container = member.ContainingType;
        if (container is null || IsOwn(container))
        {
            return;
        }

        if (!JudgeType(node, container))
        {
            return;
        }

        var typeName = FullName(container.OriginalDefinition);
        if (_policy.RefusalOfMember(typeName, name) is { } reason)
        {
            var subject = typeName + "." + name;
            Refuse(node, subject, $"'{Display(container)}.{name}' is not allowed: {reason}");
        }
    }

    /// <summary>Judges a type and the types it is made of; returns whether it is allowed.</summary>
    private bool JudgeType(SyntaxNode node, ITypeSymbol? type)
    {
        switch (type)
        {
            case null or IErrorTypeSymbol or ITypeParameterSymbol:
                return true;
            case IArrayTypeSymbol array:
                return JudgeType(node, array.ElementType);
            case IPointerTypeSymbol or IFunctionPointerTypeSymbol:
                Refuse(node, "pointer", "pointers are not allowed (unsafe code)");
                return false;
            case IDynamicTypeSymbol:
                Refuse(node, "dynamic", "'dynamic' is not allowed (dynamic binding uses reflection)");
                return false;
            case INamedTypeSymbol named:
                var allowed = true;
                foreach (var argument in named.TypeArguments)
                {
                    allowed &= JudgeType(node, argument);
                }

                if (named.IsAnonymousType || IsOwn(named))
                {
                    return allowed;
                }

                var definition = named.OriginalDefinition;
                if (!_typeVerdicts.TryGetValue(definition, out var refusal))
                {
                    refusal = RefusalOf(definition);
                    _typeVerdicts[definition] = refusal;
                }

                if (refusal is not null)
                {
                    Refuse(node, FullName(definition), $"'{Display(definition)}' is not allowed: {refusal}");
                    return false;
                }

                return allowed;
            default:
                return true;
        }
    }

    private string? RefusalOf(INamedTypeSymbol type)
    {
        var names = new List<string>();
        for (var t = type; t is not null; t = t.ContainingType)
        {
            names.Insert(0, t.MetadataName);
        }

        var outermost = type;
        while (outermost.ContainingType is not null)
        {
            outermost = outermost.ContainingType;
        }

        var ns = outermost.ContainingNamespace is { IsGlobalNamespace: false } n ? n.ToDisplayString() : "";
        return _policy.RefusalOfType(ns, names);
    }

    private bool IsOwn(ITypeSymbol type) => SymbolEqualityComparer.Default.Equals(type.ContainingAssembly, _ownAssembly);

    private void Refuse(SyntaxNode node, string subject, string message) => _findings.Add(new SandboxFinding(node.Span, subject, message));

    internal static string FullName(INamedTypeSymbol type)
    {
        var names = new List<string>();
        INamedTypeSymbol? outermost = type;
        for (var t = type; t is not null; t = t.ContainingType)
        {
            names.Insert(0, t.MetadataName);
            outermost = t;
        }

        var ns = outermost!.ContainingNamespace is { IsGlobalNamespace: false } n ? n.ToDisplayString() : "";
        return SandboxPolicy.TypeKey(ns, names, names.Count);
    }

    private static string Display(INamedTypeSymbol type) => type.ToDisplayString(SymbolDisplayFormat.CSharpErrorMessageFormat);
}
