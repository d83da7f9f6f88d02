using System.Text;
using Opto.Trace;

namespace Opto.Optimizers;

/// <summary>How a trainable parameter is shown: its description as a comment, then its declaration; and its rules.</summary>
internal static class VariableText
{
    public static void AppendDeclaration(StringBuilder sb, IParameterNode parameter, string name, int maxValueLength, int maxCodeLength)
    {
        if (!string.IsNullOrWhiteSpace(parameter.Description))
        {
            ValueText.AppendComment(sb, parameter.Description);
        }

        if (parameter.IsCode)
        {
            sb.Append(ValueText.CodeType).Append(' ').Append(name).Append(" = ");
            ValueText.AppendText(sb, ValueFormatter.Format(parameter.BoxedValue?.ToString() ?? "", maxCodeLength));
            sb.Append('\n');
        }
        else
        {
            ValueText.AppendDeclaration(sb, TypeNames.Friendly(parameter.ValueType), name, parameter.BoxedValue, maxValueLength);
        }
    }

    /// <summary>One line of rules, or nothing when the parameter has none.</summary>
    public static void AppendConstraints(StringBuilder sb, IParameterNode parameter, string name)
    {
        var rules = parameter.Constraints.Describe();
        var signature = parameter.IsCode ? Signature(parameter.BoxedValue?.ToString()) : null;
        if (rules.Length == 0 && signature is null)
        {
            return;
        }

        sb.Append(name).Append(": ");
        if (rules.Length > 0)
        {
            sb.Append(rules);
        }

        if (signature is not null)
        {
            sb.Append(rules.Length > 0 ? "; " : "").Append("keep the signature `").Append(signature).Append('`');
        }

        sb.Append('\n');
    }

    /// <summary>The declaration line of a method's source: the first line that is not blank, a comment or an attribute, before its body.</summary>
    internal static string? Signature(string? source)
    {
        if (string.IsNullOrWhiteSpace(source))
        {
            return null;
        }

        foreach (var raw in source.Split('\n'))
        {
            var line = raw.Trim();
            if (line.Length == 0 || line.StartsWith("//", StringComparison.Ordinal) || line.StartsWith('[') || line.StartsWith("/*", StringComparison.Ordinal) || line.StartsWith('*'))
            {
                continue;
            }

            var cut = line.IndexOf("=>", StringComparison.Ordinal);
            var brace = line.IndexOf('{', StringComparison.Ordinal);
            if (brace >= 0 && (cut < 0 || brace < cut))
            {
                cut = brace;
            }

            return (cut >= 0 ? line[..cut] : line).TrimEnd();
        }

        return null;
    }
}
