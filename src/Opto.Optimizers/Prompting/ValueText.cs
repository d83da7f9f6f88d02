using System.Text;
using Opto.Trace;

namespace Opto.Optimizers;

/// <summary>
/// Writes values into prompts as C#-flavoured declarations, <c>type name = value</c>. Text goes in double quotes,
/// or between lines of three (or more) double quotes, like a C# raw string literal, when it spans lines or holds
/// quotes, so that nothing needs escaping. Values are cut to a length with <see cref="ValueFormatter"/>.
/// </summary>
internal static class ValueText
{
    public const string CodeType = "code";

    public static void AppendDeclaration(StringBuilder sb, string type, string name, object? value, int maxLength)
    {
        sb.Append(type).Append(' ').Append(name).Append(" = ");
        AppendValue(sb, value, maxLength);
        sb.Append('\n');
    }

    public static void AppendValue(StringBuilder sb, object? value, int maxLength)
    {
        if (value is string text)
        {
            AppendText(sb, ValueFormatter.Format(text, maxLength));
        }
        else
        {
            sb.Append(ValueFormatter.Format(value, maxLength));
        }
    }

    public static void AppendText(StringBuilder sb, string text)
    {
        if (text.AsSpan().IndexOfAny('\n', '\r', '"') < 0)
        {
            sb.Append('"').Append(text).Append('"');
            return;
        }

        var fence = new string('"', Math.Max(3, LongestQuoteRun(text) + 1));
        sb.Append(fence).Append('\n').Append(text);
        if (!text.EndsWith('\n'))
        {
            sb.Append('\n');
        }

        sb.Append(fence);
    }

    /// <summary>Appends text with every line after the first indented, so that it stays under its heading.</summary>
    public static void AppendIndented(StringBuilder sb, string text, string indent)
    {
        var start = 0;
        while (true)
        {
            var newline = text.IndexOf('\n', start);
            if (newline < 0)
            {
                sb.Append(text, start, text.Length - start);
                return;
            }

            sb.Append(text, start, newline - start + 1).Append(indent);
            start = newline + 1;
        }
    }

    /// <summary>Appends a description as // comment lines.</summary>
    public static void AppendComment(StringBuilder sb, string description)
    {
        foreach (var line in description.Trim().Split('\n'))
        {
            sb.Append("// ").Append(line.TrimEnd('\r')).Append('\n');
        }
    }

    private static int LongestQuoteRun(string text)
    {
        int longest = 0, run = 0;
        foreach (var c in text)
        {
            run = c == '"' ? run + 1 : 0;
            longest = Math.Max(longest, run);
        }

        return longest;
    }
}
