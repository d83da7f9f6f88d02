using System.Diagnostics;
using System.Reflection;
using System.Text;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Emit;
using Microsoft.CodeAnalysis.Text;

namespace Opto.Trace.Code;

/// <summary>
/// One compilation of trainable code, from text to a loaded delegate factory: wrap the text in the host class,
/// collect compiler errors, sandbox findings and signature problems without emitting anything, then inject the
/// budget checks, emit with a portable PDB and load into a fresh collectible context.
/// </summary>
internal sealed class CompilationPipeline
{
    /// <summary>The assembly name every compiled piece of code gets; this library grants it its internals (the guard).</summary>
    internal const string DynamicAssemblyName = "Opto.Trace.Code.Dynamic";

    private const string FactoryMethodName = "__CreateDelegate";

    private static readonly CSharpParseOptions ParseOptions = new(LanguageVersion.Latest, DocumentationMode.None);

    private readonly CodeCompilerOptions _options;
    private readonly Lazy<IReadOnlyList<MetadataReference>> _references;
    private readonly CSharpCompilationOptions _compilationOptions;
    private readonly Dictionary<Type, SignatureSetup> _setups = [];
    private readonly Lock _setupsGate = new();

    public CompilationPipeline(CodeCompilerOptions options)
    {
        _options = options;
        _references = new(() => ReferenceSet.Build(options.ReferenceAssemblies, options.AdditionalReferences));
        _compilationOptions = new CSharpCompilationOptions(
            OutputKind.DynamicallyLinkedLibrary,
            optimizationLevel: options.Optimize ? OptimizationLevel.Release : OptimizationLevel.Debug,
            // Unsafe code compiles so that the sandbox, not error CS0227, tells the optimizer why it is refused.
            allowUnsafe: true,
            nullableContextOptions: NullableContextOptions.Disable,
            concurrentBuild: false,
            deterministic: true);
    }

    /// <summary>Compiles, checks and loads one piece of code.</summary>
    /// <exception cref="OperationCanceledException">The token was cancelled (only the warm-up passes one).</exception>
    public CompileOutcome Compile<TDelegate>(string source, string methodName, DelegateShape shape, string hash,
        CancellationToken cancellationToken = default)
        where TDelegate : Delegate
    {
        var clock = Stopwatch.StartNew();
        if (string.IsNullOrWhiteSpace(source))
        {
            return Failure(new CodeDiagnostic(CodeDiagnosticKind.Signature, CodeDiagnostic.SignatureId,
                $"the code is empty; it must define '{CSharpTypeNames.Signature(shape.Invoke, methodName, withParameterNames: false)}'", 0, 0, ""));
        }

        var wrapped = WrappedSource.Create(source, ParseOptions);
        var path = $"/trainable/{methodName}.{hash[..8]}.cs";
        var tree = CSharpSyntaxTree.ParseText(SourceText.From(wrapped.Text, Encoding.UTF8), ParseOptions, path, cancellationToken);
        if (wrapped.FindEscape(tree.GetCompilationUnitRoot(cancellationToken)) is { } escape)
        {
            var (line, column) = wrapped.ToUserLine(escape);
            return Failure(new CodeDiagnostic(CodeDiagnosticKind.Signature, CodeDiagnostic.StructureId,
                "this closes the class the code is placed in, or stands outside it; braces must balance and everything must be a member (method, field, nested class)",
                line, column, wrapped.LineText(line)));
        }

        var setup = SetupFor(shape);
        var compilation = CSharpCompilation.Create(DynamicAssemblyName, [setup.Usings, tree], setup.References, _compilationOptions);

        // 1. What the compiler, the sandbox and the signature check say, all before anything is emitted.
        var problems = new List<CodeDiagnostic>();
        foreach (var error in compilation.GetDiagnostics(cancellationToken).Where(d => d.Severity == DiagnosticSeverity.Error))
        {
            problems.Add(ToDiagnostic(error, tree, wrapped));
        }

        var model = compilation.GetSemanticModel(tree);
        problems.AddRange(SandboxFindings(setup.Policy, model, tree, wrapped, cancellationToken));
        SignatureMatcher.Match? match = null;
        if (problems.Count == 0 && compilation.GetTypeByMetadataName(WrappedSource.HostClassName) is { } host)
        {
            match = SignatureMatcher.Find(compilation, host, methodName, shape, wrapped, problems);
        }

        if (problems.Count > 0 || match is null)
        {
            if (problems.Count == 0)
            {
                problems.Add(new CodeDiagnostic(CodeDiagnosticKind.Signature, CodeDiagnostic.SignatureId, $"the method '{methodName}' was not found", 0, 0, ""));
            }

            return Failure([.. problems.OrderBy(p => p.Line <= 0 ? 0 : 1).ThenBy(p => p.Line).ThenBy(p => p.Column)]);
        }

        // 2. Inject the budget checks, add the delegate factory, emit and load.
        var guarded = CSharpSyntaxTree.Create((CSharpSyntaxNode)GuardInjector.Inject(model, tree.GetRoot(cancellationToken)), ParseOptions, path, Encoding.UTF8);
        var delegateName = TypeSymbols.Resolve(compilation, shape.DelegateType)!.ToDisplayString(SymbolDisplayFormat.FullyQualifiedFormat);
        var factory = CSharpSyntaxTree.ParseText(SourceText.From(
            $"internal sealed partial class {WrappedSource.HostClassName} {{ internal static {delegateName} {FactoryMethodName}() => {match.FactoryExpression}; }}\n",
            Encoding.UTF8), ParseOptions, "DelegateFactory.g.cs", cancellationToken);
        var final = compilation.ReplaceSyntaxTree(tree, guarded).AddSyntaxTrees(factory);

        using var image = new MemoryStream();
        using var symbols = new MemoryStream();
        var emitted = final.Emit(image, symbols, options: new EmitOptions(debugInformationFormat: DebugInformationFormat.PortablePdb),
            cancellationToken: cancellationToken);
        cancellationToken.ThrowIfCancellationRequested();
        if (!emitted.Success)
        {
            // The code compiled as written, so this is a fault of the rewriting; still report it rather than crash.
            return Failure([.. emitted.Diagnostics.Where(d => d.Severity == DiagnosticSeverity.Error)
                .Select(d => ToDiagnostic(d, guarded, wrapped) with { Message = "(after inserting the time-budget checks) " + d.GetMessage(System.Globalization.CultureInfo.InvariantCulture) })]);
        }

        image.Position = 0;
        symbols.Position = 0;
        var context = new CodeLoadContext($"Opto.Trace.Code {methodName} {hash[..12]}");
        var assembly = context.LoadFromStream(image, symbols);
        var create = assembly.GetType(WrappedSource.HostClassName, throwOnError: true)!
            .GetMethod(FactoryMethodName, BindingFlags.Static | BindingFlags.NonPublic)!
            .CreateDelegate<Func<TDelegate>>();
        var names = match.Method.Parameters.Select(p => p.Name).ToArray();
        return new CompileOutcome(new CompiledCode(context, create, hash, source, methodName, path, names, clock.Elapsed), []);

        static CompileOutcome Failure(params IReadOnlyList<CodeDiagnostic> diagnostics) => new(null, diagnostics);
    }

    /// <summary>
    /// What a delegate's signature adds to every compilation for it: its assemblies as references, its namespaces as
    /// usings (so the code can name <c>Point</c> rather than <c>MyApp.Geometry.Point</c>), and its types as allowed.
    /// </summary>
    private SignatureSetup SetupFor(DelegateShape shape)
    {
        lock (_setupsGate)
        {
            if (_setups.TryGetValue(shape.DelegateType, out var known))
            {
                return known;
            }
        }

        var types = shape.AllTypes().Where(t => !t.HasElementType && !t.IsGenericParameter && t != typeof(void)).ToList();
        var policy = types.Aggregate(_options.Policy, (p, t) => p.AllowType(t));
        var namespaces = _options.Usings.Concat(types.Select(t => t.Namespace).OfType<string>()).Distinct(StringComparer.Ordinal);
        var usings = CSharpSyntaxTree.ParseText(
            SourceText.From(string.Concat(namespaces.Select(n => $"global using global::{n};\n")), Encoding.UTF8),
            ParseOptions, "GlobalUsings.g.cs");
        var references = _references.Value.Concat(ReferenceSet.Build([], types.Select(t => t.Assembly).Distinct())).Distinct().ToList();
        var setup = new SignatureSetup(policy, usings, references);
        lock (_setupsGate)
        {
            _setups[shape.DelegateType] = setup;
        }

        return setup;
    }

    private static IEnumerable<CodeDiagnostic> SandboxFindings(SandboxPolicy policy, SemanticModel model, SyntaxTree tree, WrappedSource wrapped,
        CancellationToken cancellationToken)
    {
        var seen = new HashSet<(int, string)>();
        foreach (var finding in SandboxChecker.Check(policy, model, tree.GetRoot(cancellationToken), cancellationToken))
        {
            var (line, column) = wrapped.ToUserLine(finding.Span.Start);
            if (seen.Add((line, finding.Subject)))
            {
                yield return new CodeDiagnostic(CodeDiagnosticKind.Sandbox, CodeDiagnostic.SandboxId, finding.Message, line, column, wrapped.LineText(line));
            }
        }
    }

    private static CodeDiagnostic ToDiagnostic(Diagnostic diagnostic, SyntaxTree userTree, WrappedSource wrapped)
    {
        var message = diagnostic.GetMessage(System.Globalization.CultureInfo.InvariantCulture);
        if (diagnostic.Location.SourceTree is not { } tree || tree.FilePath != userTree.FilePath)
        {
            return new CodeDiagnostic(CodeDiagnosticKind.Compiler, diagnostic.Id, message, 0, 0, "");
        }

        // Offsets only map for the tree as written; the guarded rewrite keeps line numbers but not columns.
        var (line, column) = tree == userTree
            ? wrapped.ToUserLine(diagnostic.Location.SourceSpan.Start)
            : (diagnostic.Location.GetLineSpan().StartLinePosition.Line + 1, 0);
        return new CodeDiagnostic(CodeDiagnosticKind.Compiler, diagnostic.Id, message, line, column, wrapped.LineText(line));
    }

    private sealed record SignatureSetup(SandboxPolicy Policy, SyntaxTree Usings, IReadOnlyList<MetadataReference> References);
}
