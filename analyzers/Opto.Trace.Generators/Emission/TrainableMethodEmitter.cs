using System.Linq;
using Microsoft.CodeAnalysis.CSharp;
using Opto.Trace.Generators.Helpers;
using Opto.Trace.Generators.Models;
using Opto.Trace.Generators.Parsing;

namespace Opto.Trace.Generators.Emission;

/// <summary>
/// Writes what a [Trainable] method gets: a <c>TrainableMethod</c> (from Opto.Trace.Code) whose code parameter holds the
/// method's source, a traced overload that runs the current code with the parameter as an input, and a plain
/// <c>…Trained</c> method that runs the method as compiled until the source changes, then the compiled new source.
/// The method itself is left as written: a generator cannot change a body the user wrote, so plain calls to it
/// always run that body.
/// </summary>
internal static class TrainableMethodEmitter
{
    private const string NodeType = "global::Opto.Trace.Node";
    private const string CodeNamespace = "global::Opto.Trace.Code";

    public static string HintName(TrainableMethodInfo method) =>
        $"{method.Hierarchy.HintName}.{SourceInfo.HintSafe(method.MethodName)}.TrainableMethod.g.cs";

    /// <summary>The private constant that holds the method's declared source.</summary>
    public static string SourceConstant(string methodName) => "OptoSource" + methodName;

    public static string Emit(TrainableMethodInfo method) => SourceFile.Write(method.Hierarchy, writer =>
    {
        var name = method.MethodName;
        var trainableType = $"{CodeNamespace}.TrainableMethod<{method.DelegateType}>";
        var field = TrainableEmitter.NodeField(name);
        var accessor = Checks.TrainableMethodAccessorName(name);
        var source = SourceConstant(name);
        var options = "OptoOptions" + name;
        var key = method.InTraceModel ? $"this.{TraceModelEmitter.KeyPrefixField} + {Literal(name)}" : Literal(name);
        var names = method.Parameters.Select(p => p.Name).ToList();
        var token = names.Contains("cancellationToken") ? "optoCancellationToken" : "cancellationToken";
        var display = SourceFile.XmlEscape(name);

        writer.Line($"/// <summary>The source of <c>{display}</c> as declared: the first value of its code parameter, and the version that runs as compiled.</summary>");
        writer.Line(SourceFile.GeneratedCodeAttribute);
        writer.Line($"private const string {source} = {Literal(method.Source)};");
        writer.Line();
        writer.Line(SourceFile.GeneratedCodeAttribute);
        writer.Line($"private static readonly {CodeNamespace}.TrainableMethodOptions {options} = new {CodeNamespace}.TrainableMethodOptions");
        writer.Line("{");
        writer.Line($"    OperationName = {Literal(name)},");
        writer.Line($"    Documentation = {(method.Documentation is null ? "null" : Literal(method.Documentation))},");
        writer.Line("};");
        writer.Line();
        writer.Line(SourceFile.GeneratedCodeAttribute);
        writer.Line($"private {trainableType}? {field};");
        writer.Line();

        writer.Line("/// <summary>");
        writer.Line($"/// The trainable code of <c>{display}</c>: its <c>Code</c> parameter (key <c>{display}</c>) holds the method's C# source, which an");
        writer.Line($"/// optimizer may rewrite. The traced overload and <c>{SourceFile.XmlEscape(method.TrainedName)}</c> run the current version.");
        writer.Line("/// </summary>");
        writer.Line("/// <remarks>");
        writer.Line("/// A rewritten body is compiled at run time on its own, in a sandbox and with a time budget: it sees its parameters,");
        writer.Line("/// the types of its signature, helpers it declares itself and the part of the .NET library the sandbox allows, but");
        writer.Line("/// not this object, the other members of this class or the rest of this project (analyzer OPTO0006 reports a body");
        writer.Line("/// that depends on them).");
        writer.Line("/// </remarks>");
        writer.Line(SourceFile.GeneratedCodeAttribute);
        writer.Line($"{method.Accessibility} {trainableType} {accessor} => this.{field} ?? this.OptoInit{name}();");
        writer.Line();

        WriteTracedOverload(writer, method, accessor, token);
        writer.Line();
        WriteTrainedMethod(writer, method, accessor, source, token);
        writer.Line();

        writer.Line(SourceFile.GeneratedCodeAttribute);
        using (writer.OpenBlock($"private {trainableType} OptoInit{name}()"))
        {
            writer.Line($"var created = this.{TrainableEmitter.NewNodeMethod(name)}({source});");
            writer.Line($"return global::System.Threading.Interlocked.CompareExchange(ref this.{field}, created, null) ?? created;");
        }

        writer.Line();
        writer.Line(SourceFile.GeneratedCodeAttribute);
        writer.Line($"private {trainableType} {TrainableEmitter.NewNodeMethod(name)}(string source) =>");
        writer.Line($"    new {trainableType}(");
        writer.Line($"        {CodeNamespace}.CodeParameter.Create<{method.DelegateType}>(source, {Literal(name)}, {key}, {(method.Description is null ? "null" : Literal(method.Description))}, rules: {(method.Rules is null ? "null" : Literal(method.Rules))}),");
        writer.Line($"        {Literal(name)},");
        writer.Line($"        {options});");
    });

    private static void WriteTracedOverload(CodeWriter writer, TrainableMethodInfo method, string accessor, string token)
    {
        var resultNode = $"{NodeType}<{method.ResultType}>";
        var returnType = method.IsAsync ? $"global::System.Threading.Tasks.Task<{resultNode}>" : resultNode;
        var parameters = method.Parameters.Select(p => $"{NodeType}<{p.Type}> {p.Name}")
            .Concat(new[] { $"global::System.Threading.CancellationToken {token} = default" });
        var arguments = new[] { $"this.{accessor}" }.Concat(method.Parameters.Select(p => p.Name)).Concat(new[] { token });
        var invoke = method.IsAsync ? "InvokeAsync" : "Invoke";

        writer.Line($"/// <summary>Runs the current code of <c>{SourceFile.XmlEscape(method.MethodName)}</c> as a traced operation: the arguments are nodes, and so is the result.</summary>");
        writer.Line("/// <remarks>Every version, the declared one included, is compiled at run time (once per distinct source) and run in the");
        writer.Line("/// sandbox with a time budget, so a trace shows exactly what a rewritten version will do.</remarks>");
        writer.Line($"/// <returns>The result's node. Its inputs are the arguments, by parameter name, and the code parameter <c>{SourceFile.XmlEscape(method.MethodName)}</c>.</returns>");
        writer.Line("/// <exception cref=\"T:Opto.Trace.TraceExecutionException\">The code did not compile, broke the sandbox, threw or ran out of time; the exception's node quotes the line for the optimizer.</exception>");
        writer.Line(SourceFile.GeneratedCodeAttribute);
        writer.Line($"{method.Accessibility} {returnType} {method.TracedName}({string.Join(", ", parameters)}) =>");
        writer.Line($"    {CodeNamespace}.TrainableMethodExtensions.{invoke}({string.Join(", ", arguments)});");
    }

    private static void WriteTrainedMethod(CodeWriter writer, TrainableMethodInfo method, string accessor, string source, string token)
    {
        var parameters = method.Parameters.Select(p => $"{p.Type} {p.Name}{(p.DefaultValue is null ? string.Empty : " = " + p.DefaultValue)}")
            .Concat(new[] { $"global::System.Threading.CancellationToken {token} = default" });
        var original = $"this.{method.MethodName.ToIdentifier()}({string.Join(", ", method.Parameters.Select(p => p.Name))})";
        var compiled = $"{CodeNamespace}.TrainableMethodExtensions.{(method.IsAsync ? "CallAsync" : "Call")}("
            + string.Join(", ", new[] { "optoMethod" }.Concat(method.Parameters.Select(p => p.Name)).Concat(new[] { token })) + ")";
        var display = SourceFile.XmlEscape(method.MethodName);

        writer.Line($"/// <summary>Runs the current code of <c>{display}</c> without tracing.</summary>");
        writer.Line("/// <remarks>");
        writer.Line($"/// While the code parameter holds the declared source, this calls <c>{display}</c> as compiled with the project, at the cost");
        writer.Line("/// of one version check. Once an optimizer (or a loaded parameter file) has changed it, the new source is compiled");
        writer.Line($"/// (once per version) and run in the sandbox with a time budget. Calling <c>{display}</c> itself always runs the body as written.");
        writer.Line("/// Called inside a [Bundle] method, the code parameter becomes an input of that operation, as a [Trainable] property read there does.");
        writer.Line("/// </remarks>");
        writer.Line("/// <exception cref=\"T:Opto.Trace.Code.CodeCompilationException\">A changed source does not compile or breaks the sandbox policy.</exception>");
        writer.Line("/// <exception cref=\"T:Opto.Trace.Code.CodeTimeoutException\">A changed source ran out of time.</exception>");
        writer.Line(SourceFile.GeneratedCodeAttribute);
        using (writer.OpenBlock($"{method.Accessibility} {method.ReturnType} {method.TrainedName}({string.Join(", ", parameters)})"))
        {
            writer.Line($"var optoMethod = this.{accessor};");
            writer.Line("_ = optoMethod.Code.Value; // inside a [Bundle] body, makes the code an input of that operation");
            writer.Line($"return optoMethod.HasSource({source})");
            writer.Line($"    ? {original}");
            writer.Line($"    : {compiled};");
        }
    }

    private static string Literal(string text) => SymbolDisplay.FormatLiteral(text, quote: true);
}
