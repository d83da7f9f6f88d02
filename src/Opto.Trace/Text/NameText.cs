using System.Text;

namespace Opto.Trace;

/// <summary>Turns arbitrary text into the identifier-like bases that node names are built from.</summary>
internal static class NameText
{
    /// <summary>Keeps letters, digits and '_', replaces the rest with '_', and never starts with a digit.</summary>
    public static string Sanitize(string text)
    {
        if (string.IsNullOrEmpty(text))
        {
            return "node";
        }

        var sb = new StringBuilder(text.Length + 1);
        foreach (var c in text)
        {
            sb.Append(char.IsAsciiLetterOrDigit(c) || c == '_' ? c : '_');
        }

        if (char.IsAsciiDigit(sb[0]))
        {
            sb.Insert(0, '_');
        }

        return sb.ToString();
    }
}
