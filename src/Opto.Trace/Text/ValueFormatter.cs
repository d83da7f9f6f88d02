using System.Collections;
using System.Globalization;
using System.Text;

namespace Opto.Trace;

/// <summary>
/// Renders values for people and language models: invariant culture, C#-like literals, collections inline,
/// and long text cut with a note of how much was left out (a whole dataset must not flood a prompt).
/// </summary>
public static class ValueFormatter
{
    /// <summary>Renders a value.</summary>
    /// <param name="value">The value.</param>
    /// <param name="maxLength">The most characters to return (at least 8); longer renderings are cut.</param>
    /// <returns>The rendering.</returns>
    public static string Format(object? value, int maxLength = 500)
    {
        maxLength = Math.Max(maxLength, 8);
        if (value is string text && text.Length <= maxLength)
        {
            return text; // the common case: no copy at all
        }

        var sb = new StringBuilder();
        Append(sb, value, depth: 0, budget: maxLength + 1);
        if (sb.Length <= maxLength)
        {
            return sb.ToString();
        }

        // Say how much was left out without rendering the value a second time: characters for text (free to
        // count), items for collections.
        if (value is not string whole)
        {
            var note = value is ICollection collection ? $"…({collection.Count} items in all)" : "…";
            return string.Concat(sb.ToString(0, Math.Max(1, maxLength - note.Length)), note);
        }

        // The count in the note depends on the note's own length.
        var keep = maxLength - 1;
        var omitted = "…";
        for (var i = 0; i < 2; i++)
        {
            omitted = $"…(+{whole.Length - keep} chars)";
            keep = Math.Max(1, maxLength - omitted.Length);
        }

        return string.Concat(sb.ToString(0, keep), omitted);
    }

    private static void Append(StringBuilder sb, object? value, int depth, int budget)
    {
        if (sb.Length > budget)
        {
            return;
        }

        switch (value)
        {
            case null:
                sb.Append("null");
                return;
            case string s:
                // Never copy more of a huge text than can be shown.
                sb.Append(s, 0, Math.Min(s.Length, Math.Max(0, budget - sb.Length + 1)));
                return;
            case bool b:
                sb.Append(b ? "true" : "false");
                return;
            case double d:
                sb.Append(d.ToString("R", CultureInfo.InvariantCulture));
                return;
            case float f:
                sb.Append(f.ToString("R", CultureInfo.InvariantCulture));
                return;
            case Exception e:
                sb.Append('(').Append(e.GetType().Name).Append(") ").Append(e.Message);
                return;
            case Node n:
                sb.Append(n.Name);
                return;
            case IFormattable formattable:
                sb.Append(formattable.ToString(null, CultureInfo.InvariantCulture));
                return;
            case IDictionary dictionary when depth < 4:
                sb.Append('{');
                var firstEntry = true;
                foreach (DictionaryEntry entry in dictionary)
                {
                    if (!firstEntry)
                    {
                        sb.Append(", ");
                    }

                    firstEntry = false;
                    AppendItem(sb, entry.Key, depth, budget);
                    sb.Append(": ");
                    AppendItem(sb, entry.Value, depth, budget);
                    if (sb.Length > budget)
                    {
                        return;
                    }
                }

                sb.Append('}');
                return;
            case IEnumerable sequence when depth < 4:
                sb.Append('[');
                var first = true;
                foreach (var item in sequence)
                {
                    if (!first)
                    {
                        sb.Append(", ");
                    }

                    first = false;
                    AppendItem(sb, item, depth, budget);
                    if (sb.Length > budget)
                    {
                        return;
                    }
                }

                sb.Append(']');
                return;
            default:
                sb.Append(value);
                return;
        }
    }

    private static void AppendItem(StringBuilder sb, object? item, int depth, int budget)
    {
        // Inside a collection, strings are quoted so that ["a, b"] and ["a", "b"] read differently.
        if (item is string s)
        {
            sb.Append('"').Append(s.Replace("\"", "\\\"", StringComparison.Ordinal)).Append('"');
        }
        else
        {
            Append(sb, item, depth + 1, budget);
        }
    }
}
