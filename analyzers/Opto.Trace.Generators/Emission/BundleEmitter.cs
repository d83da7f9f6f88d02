using System.Linq;
using Microsoft.CodeAnalysis.CSharp;
using Opto.Trace.Generators.Helpers;
using Opto.Trace.Generators.Models;

namespace Opto.Trace.Generators.Emission;

/// <summary>
/// Writes the traced overloads of a type's [Bundle] methods into one file, with one static table of the
/// <c>Operation</c>s that describe them. An overload hands the original method to <c>Bundle.Invoke</c>/<c>InvokeAsync</c>,
/// so the original stays as it was and plain calls to it cost nothing.
/// </summary>
/// <remarks>
/// What is emitted is compiled in every build, so it is kept cheap to compile (benchmarks/generator-build measures it):
/// <list type="bullet">
/// <item>where a typed <c>Invoke</c> overload fits, the original method is passed as a method group rather than wrapped
/// in a lambda (binding a lambda costs the compiler several times more than converting a method group, and the delegate
/// is the same or one frame shorter);</item>
/// <item>the operations live in one array per type rather than one field each: a field with its own initializer costs
/// the compiler about as much again as the array element (measured: 200 fields added 14 % to compiling the generated
/// code).</item>
/// </list>
/// </remarks>
internal static class BundleEmitter
{
    private const string NodeType = "global::Opto.Trace.Node";

    /// <summary>The most traced arguments for which <c>Bundle.Invoke</c> has a typed overload.</summary>
    private const int MaxTypedArguments = 3;

    /// <summary>The most traced arguments for which <c>Bundle.InvokeAsync</c> has a typed overload.</summary>
    private const int MaxTypedAsyncArguments = 2;

    public static string HintName(BundleTypeInfo type) => $"{type.Hierarchy.HintName}.Bundles.g.cs";

    /// <summary>The per-type table of operations; overload <c>i</c> in the file uses element <c>i</c>.</summary>
    private const string TableName = "OptoOperations";

    public static string Emit(BundleTypeInfo type) => SourceFile.Write(type.Hierarchy, writer =>
    {
        EmitTable(writer, type);
        for (var i = 0; i < type.Methods.Count; i++)
        {
            writer.Line();
            EmitMethod(writer, type.Methods[i], $"{TableName}[{i.ToString(System.Globalization.CultureInfo.InvariantCulture)}]");
        }
    });

    private static void EmitTable(CodeWriter writer, BundleTypeInfo type)
    {
        writer.Line("/// <summary>Describes this type's [Bundle] methods to traces and optimizers, in the order of the traced overloads below.</summary>");
        writer.Line(SourceFile.GeneratedCodeAttribute);
        writer.Line($"private static readonly global::Opto.Trace.Operation[] {TableName} =");
        writer.Line("{");
        foreach (var method in type.Methods)
        {
            var names = method.Parameters.Where(p => !p.IsCancellationToken).Select(p => Literal(p.MetadataName)).ToList();
            writer.Line("    new global::Opto.Trace.Operation(");
            writer.Line($"        {Literal(method.OperationName)},");
            writer.Line($"        {(method.Documentation is null ? "null" : Literal(method.Documentation))},");
            writer.Line(names.Count == 0 ? "        global::System.Array.Empty<string>()," : $"        new string[] {{ {string.Join(", ", names)} }},");
            writer.Line($"        {Literal(method.SourceText)},");
            writer.Line($"        {Literal(method.FilePath)},");
            writer.Line($"        {method.Line.ToString(System.Globalization.CultureInfo.InvariantCulture)}),");
        }

        writer.Line("};");
    }

    private static void EmitMethod(CodeWriter writer, BundleMethodInfo method, string operation)
    {
        var traced = method.Parameters.Where(p => !p.IsCancellationToken).ToList();

        var isAsync = method.Result != ResultKind.Value;
        var resultNode = $"{NodeType}<{method.ResultType}>";
        var returnType = isAsync ? $"global::System.Threading.Tasks.Task<{resultNode}>" : resultNode;
        var parameters = string.Join(", ", method.Parameters.Select(p =>
            p.IsCancellationToken
                ? $"{p.Type} {p.Name}{(p.DefaultValue is null ? string.Empty : " = " + p.DefaultValue)}"
                : $"{NodeType}<{p.Type}> {p.Name}"));
        var modifiers = method.Accessibility + (method.HidesInherited ? " new" : string.Empty) + (method.IsStatic ? " static" : string.Empty);

        writer.Line($"/// <summary>Runs <c>{SourceFile.XmlEscape(method.MethodName)}</c> as a traced operation: the arguments are nodes, and so is the result.</summary>");
        writer.Line("/// <returns>The result's node. Its inputs are the arguments, by parameter name, and every [Trainable] value the method read.</returns>");
        writer.Line("/// <exception cref=\"T:Opto.Trace.TraceExecutionException\">The method threw; the exception's node records the failure in the trace.</exception>");
        writer.Line(SourceFile.GeneratedCodeAttribute);
        using (writer.OpenBlock($"{modifiers} {returnType} {method.OverloadName}({parameters})"))
        {
            var inputs = traced.Count == 0
                ? $"global::System.Array.Empty<{NodeType}>()"
                : $"new {NodeType}[] {{ {string.Join(", ", traced.Select(p => p.Name))} }}";
            var call = $"{(method.IsStatic ? string.Empty : "this.")}{method.MethodName.ToIdentifier()}("
                + string.Join(", ", method.Parameters.Select(p => p.IsCancellationToken ? p.Name : p.Name + ".Value")) + ")";

            var typeArguments = string.Join(", ", traced.Select(p => p.Type).Concat(new[] { method.ResultType }));
            var arguments = string.Join(", ", traced.Select(p => p.Name));
            var methodGroup = $"{(method.IsStatic ? string.Empty : "this.")}{method.MethodName.ToIdentifier()}";
            if (!isAsync && traced.Count is >= 1 and <= MaxTypedArguments && traced.Count == method.Parameters.Count)
            {
                // The typed overload passes the argument values itself: no input array or closure per call, and for a
                // static method no delegate either (C# 11 caches a static method group's delegate, as it does a static
                // lambda's; before C# 11 only the lambda is cached).
                var body = method.IsStatic && !method.CachesStaticMethodGroups
                    ? $"static ({LambdaParameters(traced.Count)}) => {methodGroup}({LambdaParameters(traced.Count)})"
                    : methodGroup;
                writer.Line($"return global::Opto.Trace.Bundle.Invoke<{typeArguments}>({operation}, {arguments}, {body});");
            }
            else if (method.Result == ResultKind.Task && traced.Count is >= 1 and <= MaxTypedAsyncArguments
                && method.Parameters.Count == traced.Count + 1 && method.Parameters[traced.Count].IsCancellationToken
                && (!method.IsStatic || method.CachesStaticMethodGroups))
            {
                // (T1, …, CancellationToken) → Task<T>: the method itself fits the typed overload's body, which receives
                // the caller's token.
                var token = method.Parameters[traced.Count].Name;
                writer.Line($"return global::Opto.Trace.Bundle.InvokeAsync<{typeArguments}>({operation}, {arguments}, {methodGroup}, {token});");
            }
            else if (!isAsync)
            {
                writer.Line($"return global::Opto.Trace.Bundle.Invoke<{method.ResultType}>({operation}, {inputs}, () => {call});");
            }
            else
            {
                // The body gets the caller's own token (the method's first one), which InvokeAsync also watches.
                var token = method.Parameters.FirstOrDefault(p => p.IsCancellationToken)?.Name ?? "default";
                var body = method.Result == ResultKind.ValueTask ? call + ".AsTask()" : call;
                writer.Line($"return global::Opto.Trace.Bundle.InvokeAsync<{method.ResultType}>({operation}, {inputs}, _ => {body}, {token});");
            }
        }
    }

    private static string LambdaParameters(int count) => string.Join(", ", Enumerable.Range(1, count).Select(i => $"optoArg{i}"));

    private static string Literal(string text) => SymbolDisplay.FormatLiteral(text, quote: true);
}
