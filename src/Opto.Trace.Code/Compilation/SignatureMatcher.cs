using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;

namespace Opto.Trace.Code;

/// <summary>
/// Finds, among the methods the code declares, the one that implements the expected delegate: by name, then by
/// signature (identity, or the variance a C# method-group conversion allows). Methods nested in a class the code
/// declares are found too, for optimizers that wrap their answer in a class.
/// </summary>
internal static class SignatureMatcher
{
    public sealed record Match(IMethodSymbol Method, string FactoryExpression);

    public static Match? Find(CSharpCompilation compilation, INamedTypeSymbol host, string methodName, DelegateShape shape,
        WrappedSource source, List<CodeDiagnostic> problems)
    {
        var expected = CSharpTypeNames.Signature(shape.Invoke, methodName, withParameterNames: false);
        var candidates = CandidatesNamed(host, methodName).ToList();
        if (candidates.Count == 0)
        {
            var others = host.GetMembers().OfType<IMethodSymbol>()
                .Where(m => m.MethodKind == MethodKind.Ordinary && !m.IsImplicitlyDeclared)
                .Select(m => m.Name).Distinct().ToList();
            var hint = others.Count > 0 ? $" (the code defines: {string.Join(", ", others)})" : "";
            problems.Add(new CodeDiagnostic(CodeDiagnosticKind.Signature, CodeDiagnostic.SignatureId,
                $"the code must define a method '{expected}'; no method named '{methodName}' was found{hint}", 0, 0, ""));
            return null;
        }

        var parameterTypes = shape.ParameterTypes.Select(t => TypeSymbols.Resolve(compilation, t)).ToList();
        var returnType = TypeSymbols.Resolve(compilation, shape.ReturnType);
        if (returnType is null || parameterTypes.Any(t => t is null))
        {
            problems.Add(new CodeDiagnostic(CodeDiagnosticKind.Signature, CodeDiagnostic.SignatureId,
                $"a type of the expected signature '{expected}' is not among the compiler's references", 0, 0, ""));
            return null;
        }

        var best = candidates.FirstOrDefault(m => Fits(compilation, m, parameterTypes!, returnType, exact: true))
            ?? candidates.FirstOrDefault(m => Fits(compilation, m, parameterTypes!, returnType, exact: false));
        if (best is null)
        {
            var first = candidates[0];
            var declared = first.ToDisplayString(SymbolDisplayFormat.MinimallyQualifiedFormat.WithMemberOptions(
                SymbolDisplayMemberOptions.IncludeType | SymbolDisplayMemberOptions.IncludeParameters));
            var why = first.IsGenericMethod ? "it must not be generic" : "the parameter or return types differ";
            Report(problems, source, first, $"'{declared}' does not match the expected signature '{expected}': {why}");
            return null;
        }

        return new Match(best, FactoryExpression(best));
    }

    private static IEnumerable<IMethodSymbol> CandidatesNamed(INamedTypeSymbol host, string name)
    {
        var own = host.GetMembers(name).OfType<IMethodSymbol>().Where(m => m.MethodKind == MethodKind.Ordinary).ToList();
        if (own.Count > 0)
        {
            return own;
        }

        return host.GetTypeMembers().SelectMany(t => CandidatesNamed(t, name));
    }

    private static bool Fits(CSharpCompilation compilation, IMethodSymbol method, List<ITypeSymbol?> parameters, ITypeSymbol returnType, bool exact)
    {
        if (method.IsGenericMethod || method.Parameters.Length != parameters.Count || method.ReturnsByRef || method.ReturnsByRefReadonly)
        {
            return false;
        }

        for (var i = 0; i < parameters.Count; i++)
        {
            var parameter = method.Parameters[i];
            if (parameter.RefKind != RefKind.None || !Converts(compilation, parameters[i]!, parameter.Type, exact))
            {
                return false;
            }
        }

        return method.ReturnsVoid
            ? returnType.SpecialType == SpecialType.System_Void
            : returnType.SpecialType != SpecialType.System_Void && Converts(compilation, method.ReturnType, returnType, exact);
    }

    /// <summary>Identity, or (not exact) an implicit reference conversion, as method-group variance allows.</summary>
    private static bool Converts(CSharpCompilation compilation, ITypeSymbol from, ITypeSymbol to, bool exact)
    {
        if (SymbolEqualityComparer.Default.Equals(from, to))
        {
            return true;
        }

        if (exact)
        {
            return false;
        }

        var conversion = compilation.ClassifyConversion(from, to);
        return conversion.IsIdentity || (conversion.IsImplicit && conversion.IsReference);
    }

    /// <summary>How generated code makes the delegate: a static method by name, an instance method on a fresh object.</summary>
    private static string FactoryExpression(IMethodSymbol method)
    {
        var container = method.ContainingType.ToDisplayString(SymbolDisplayFormat.FullyQualifiedFormat);
        var name = SyntaxFacts.GetKeywordKind(method.Name) != SyntaxKind.None ? "@" + method.Name : method.Name;
        return method.IsStatic ? $"{container}.{name}" : $"new {container}().{name}";
    }

    private static void Report(List<CodeDiagnostic> problems, WrappedSource source, ISymbol symbol, string message)
    {
        var location = symbol.Locations.FirstOrDefault(l => l.IsInSource);
        var (line, column) = location is null ? (0, 0) : source.ToUserLine(location.SourceSpan.Start);
        problems.Add(new CodeDiagnostic(CodeDiagnosticKind.Signature, CodeDiagnostic.SignatureId, message, line, column, line > 0 ? source.LineText(line) : ""));
    }
}
