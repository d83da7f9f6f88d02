using System.Linq;
using Microsoft.CodeAnalysis.CSharp;
using Opto.Trace.Generators.Helpers;
using Opto.Trace.Generators.Models;

namespace Opto.Trace.Generators.Emission;

/// <summary>
/// Writes the <c>ParameterNode&lt;T&gt;</c> behind a [Trainable] property (or the property a [Trainable] field gets):
/// the node is made on first use, the property reads and writes its value (so reads inside a bundle are recorded),
/// and <c>NameNode</c> exposes it.
/// </summary>
internal static class TrainableEmitter
{
    public static string HintName(TrainableMemberInfo member) =>
        $"{member.Hierarchy.HintName}.{SourceInfo.HintSafe(member.PropertyName)}.Trainable.g.cs";

    /// <summary>The private field that holds the node; a [TraceModel] re-keys it through this name.</summary>
    public static string NodeField(string propertyName) => "_opto" + propertyName;

    /// <summary>The private method that creates the node with a given value; a [TraceModel] re-keys through it.</summary>
    public static string NewNodeMethod(string propertyName) => "OptoNew" + propertyName;

    public static string Emit(TrainableMemberInfo member) => SourceFile.Write(member.Hierarchy, writer =>
    {
        var name = member.PropertyName;
        var nodeType = $"global::Opto.Trace.ParameterNode<{member.Type}>";
        var field = NodeField(name);
        var constraints = "Opto" + name + "Constraints";
        var hasConstraints = !member.Constraints.IsEmpty;
        var key = member.InTraceModel ? $"this.{TraceModelEmitter.KeyPrefixField} + {Literal(name)}" : Literal(name);
        var initial = member.FieldName is null ? "default!" : "this." + member.FieldName.ToIdentifier();
        var accessibility = member.Modifiers.Split(' ').Where(IsAccessibility).ToList();
        var nodeAccessibility = accessibility.Count == 0 ? "private" : string.Join(" ", accessibility);

        writer.Line(SourceFile.GeneratedCodeAttribute);
        writer.Line($"private {nodeType}? {field};");
        writer.Line();

        if (hasConstraints)
        {
            writer.Line(SourceFile.GeneratedCodeAttribute);
            writer.Line($"private static readonly global::Opto.Trace.ParameterConstraints {constraints} = new global::Opto.Trace.ParameterConstraints");
            writer.Line("{");
            WriteConstraints(writer, member.Constraints);
            writer.Line("};");
            writer.Line();
        }

        writer.Line($"/// <summary>The parameter behind <see cref=\"{name}\"/> (key <c>{name}</c>); optimizers and traces see this node.</summary>");
        writer.Line(member.FieldName is null
            ? "/// <remarks>Made on first use; when read before the property was set, its value is the type's default.</remarks>"
            : $"/// <remarks>Made on first use, with the value of <c>{member.FieldName}</c> at that time.</remarks>");
        writer.Line(SourceFile.GeneratedCodeAttribute);
        writer.Line($"{nodeAccessibility} {nodeType} {name}Node => this.{field} ?? this.OptoInit{name}({initial});");
        writer.Line();

        if (member.FieldName is not null)
        {
            writer.Line(member.Description is null
                ? $"/// <summary>The trainable value first taken from <c>{member.FieldName}</c>; see <see cref=\"{name}Node\"/>.</summary>"
                : $"/// <summary>{SourceFile.XmlEscape(member.Description)}</summary>");
        }

        writer.Line(SourceFile.GeneratedCodeAttribute);
        using (writer.OpenBlock($"{member.Modifiers} {member.Type} {name.ToIdentifier()}"))
        {
            foreach (var accessor in member.Accessors)
            {
                var prefix = accessor.Modifiers.Length == 0 ? string.Empty : accessor.Modifiers + " ";
                if (accessor.Keyword == "get")
                {
                    writer.Line($"{prefix}get => this.{name}Node.Value;");
                    continue;
                }

                using (writer.OpenBlock(prefix + accessor.Keyword))
                {
                    writer.Line($"var node = this.{field};");
                    using (writer.OpenBlock("if (node is null)"))
                    {
                        writer.Line("// The first write creates the node with this value, so it never holds an invalid default.");
                        writer.Line($"node = global::System.Threading.Interlocked.CompareExchange(ref this.{field}, this.{NewNodeMethod(name)}(value), null);");
                        using (writer.OpenBlock("if (node is null)"))
                        {
                            writer.Line("return;");
                        }
                    }

                    writer.Line();
                    writer.Line("node.Value = value;");
                }
            }
        }

        writer.Line();
        writer.Line(SourceFile.GeneratedCodeAttribute);
        using (writer.OpenBlock($"private {nodeType} OptoInit{name}({member.Type} value)"))
        {
            writer.Line($"var created = this.{NewNodeMethod(name)}(value);");
            writer.Line($"return global::System.Threading.Interlocked.CompareExchange(ref this.{field}, created, null) ?? created;");
        }

        writer.Line();
        writer.Line(SourceFile.GeneratedCodeAttribute);
        writer.Line($"private {nodeType} {NewNodeMethod(name)}({member.Type} value) =>");
        writer.Line($"    new {nodeType}(value, {key}, {(member.Description is null ? "null" : Literal(member.Description))}, {(hasConstraints ? constraints : "null")});");
    });

    private static void WriteConstraints(CodeWriter writer, ConstraintsInfo constraints)
    {
        void Set(string property, string? value)
        {
            if (value is not null)
            {
                writer.Line($"    {property} = {value},");
            }
        }

        Set("Minimum", constraints.Minimum);
        Set("Maximum", constraints.Maximum);
        Set("AllowedValues", constraints.AllowedValues.IsEmpty ? null : $"new object[] {{ {string.Join(", ", constraints.AllowedValues)} }}");
        Set("Pattern", constraints.Pattern);
        Set("MaxLength", constraints.MaxLength);
        Set("Text", constraints.Text);
    }

    private static bool IsAccessibility(string modifier) => modifier is "public" or "internal" or "protected" or "private";

    private static string Literal(string text) => SymbolDisplay.FormatLiteral(text, quote: true);
}
