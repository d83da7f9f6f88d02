using Microsoft.CodeAnalysis.CSharp;
using Opto.Trace.Generators.Helpers;
using Opto.Trace.Generators.Models;
using Opto.Trace.Generators.Parsing;

namespace Opto.Trace.Generators.Emission;

/// <summary>
/// Writes <c>Parameters()</c>, <c>SaveParameters</c>, <c>LoadParameters</c> and <c>CollectParameters</c> for a
/// [TraceModel] class: plain code that lists the generated parameter nodes, so nothing is found by reflection.
/// </summary>
internal static class TraceModelEmitter
{
    /// <summary>The private field with the model's key prefix ("" unless the model is held by another model).</summary>
    public const string KeyPrefixField = "_optoKeyPrefix";

    private const string ParameterInterface = "global::Opto.Trace.IParameterNode";

    public static string HintName(TraceModelInfo model) => $"{model.Hierarchy.HintName}.TraceModel.g.cs";

    public static string Emit(TraceModelInfo model) => SourceFile.Write(model.Hierarchy, writer =>
    {
        writer.Line(SourceFile.GeneratedCodeAttribute);
        writer.Line($"private string {KeyPrefixField} = \"\";");
        writer.Line();

        writer.Line("/// <summary>");
        writer.Line($"/// The parameters of this <c>{SourceFile.XmlEscape(model.TypeName)}</c>: its [Trainable] members in declaration order, then those of the");
        writer.Line("/// models it holds, whose keys start with the member's name and a dot.");
        writer.Line("/// </summary>");
        writer.Line("/// <returns>The parameters by key; pass them to an optimizer or save them.</returns>");
        writer.Line(SourceFile.GeneratedCodeAttribute);
        using (writer.OpenBlock("public global::Opto.Trace.ParameterCollection Parameters()"))
        {
            writer.Line($"var parameters = new global::System.Collections.Generic.List<{ParameterInterface}>();");
            writer.Line($"this.{KnownNames.CollectParametersMethod}(this.{KeyPrefixField}, parameters, new global::System.Collections.Generic.HashSet<object>(global::System.Collections.Generic.ReferenceEqualityComparer.Instance));");
            writer.Line("return new global::Opto.Trace.ParameterCollection(parameters);");
        }

        writer.Line();
        writer.Line("/// <summary>Saves the values of <see cref=\"Parameters\"/> to a JSON parameter file.</summary>");
        writer.Line("/// <param name=\"path\">The file; its folder is created when missing.</param>");
        writer.Line(SourceFile.GeneratedCodeAttribute);
        writer.Line("public void SaveParameters(string path) => this.Parameters().Save(path);");
        writer.Line();
        writer.Line("/// <summary>Loads values saved by <see cref=\"SaveParameters\"/> into <see cref=\"Parameters\"/>; nothing changes when the file does not fit.</summary>");
        writer.Line("/// <param name=\"path\">The file.</param>");
        writer.Line("/// <param name=\"options\">How strict to be about missing and unknown keys.</param>");
        writer.Line("/// <returns>The keys loaded, and warnings.</returns>");
        writer.Line(SourceFile.GeneratedCodeAttribute);
        writer.Line("public global::Opto.Trace.ParameterLoadResult LoadParameters(string path, global::Opto.Trace.ParameterLoadOptions? options = null) =>");
        writer.Line("    this.Parameters().Load(path, options);");
        writer.Line();

        writer.Line("/// <summary>Adds this model's parameters, with keys that start with <paramref name=\"keyPrefix\"/>; generated code of an enclosing model calls it.</summary>");
        writer.Line("/// <param name=\"keyPrefix\">Put before every key: empty for a model on its own, <c>Member.</c> for a model held in a member.</param>");
        writer.Line("/// <param name=\"parameters\">Receives the parameters.</param>");
        writer.Line("/// <param name=\"visited\">The models already listed, so that a model reached twice is listed once.</param>");
        writer.Line("/// <remarks>A key is fixed when its parameter is created, so a new prefix re-creates existing parameters under the new keys, keeping their values.</remarks>");
        writer.Line(SourceFile.GeneratedCodeAttribute);
        writer.Line("[global::System.ComponentModel.EditorBrowsable(global::System.ComponentModel.EditorBrowsableState.Never)]");
        using (writer.OpenBlock($"public void {KnownNames.CollectParametersMethod}(string keyPrefix, global::System.Collections.Generic.ICollection<{ParameterInterface}> parameters, global::System.Collections.Generic.ISet<object> visited)"))
        {
            writer.Line("global::System.ArgumentNullException.ThrowIfNull(keyPrefix);");
            writer.Line("global::System.ArgumentNullException.ThrowIfNull(parameters);");
            writer.Line("global::System.ArgumentNullException.ThrowIfNull(visited);");
            using (writer.OpenBlock("if (!visited.Add(this))"))
            {
                writer.Line("return;");
            }

            writer.Line();
            using (writer.OpenBlock($"if (!string.Equals(keyPrefix, this.{KeyPrefixField}, global::System.StringComparison.Ordinal))"))
            {
                writer.Line($"this.{KeyPrefixField} = keyPrefix;");
                foreach (var parameter in model.Parameters)
                {
                    var field = TrainableEmitter.NodeField(parameter.PropertyName);
                    var existing = Local("existing", parameter.PropertyName);
                    using (writer.OpenBlock($"if (this.{field} is {{ }} {existing})"))
                    {
                        // A trainable method keeps its current source; a value keeps its current value.
                        writer.Line(parameter.IsMethod
                            ? $"this.{field} = this.{TrainableEmitter.NewNodeMethod(parameter.PropertyName)}({existing}.Source);"
                            : $"this.{field} = this.{TrainableEmitter.NewNodeMethod(parameter.PropertyName)}(({parameter.Type}){existing}.BoxedValue!);");
                    }
                }
            }

            writer.Line();
            foreach (var parameter in model.Parameters)
            {
                writer.Line(parameter.IsMethod
                    ? $"parameters.Add(this.{Checks.TrainableMethodAccessorName(parameter.PropertyName)}.Code);"
                    : $"parameters.Add(this.{parameter.PropertyName}Node);");
            }

            foreach (var nested in model.NestedModels)
            {
                var local = Local("nested", nested);
                using (writer.OpenBlock($"if (this.{nested.ToIdentifier()} is {{ }} {local})"))
                {
                    writer.Line($"{local}.{KnownNames.CollectParametersMethod}(keyPrefix + {SymbolDisplay.FormatLiteral(nested + ".", quote: true)}, parameters, visited);");
                }
            }
        }
    });

    /// <summary>A local variable named after a member, e.g. <c>existingTemperature</c>; the prefix keeps it clear of the method's parameters.</summary>
    private static string Local(string prefix, string memberName)
    {
        var trimmed = memberName.TrimStart('_');
        return trimmed.Length == 0 ? prefix : prefix + char.ToUpperInvariant(trimmed[0]) + trimmed.Substring(1);
    }
}
