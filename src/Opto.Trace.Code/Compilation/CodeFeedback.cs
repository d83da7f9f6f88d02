using System.Globalization;
using System.Text;

namespace Opto.Trace.Code;

/// <summary>
/// Writes diagnostics the way an optimizer reads them best: the code with the message at the end of each offending
/// line (<c>return a +* b;   // &lt;-- CS1525: Invalid expression term '*'</c>).
/// </summary>
internal static class CodeFeedback
{
    private const string Marker = "   // <-- ";
    private const int MaxQuoted = 12;

    public static string Describe(string methodName, string source, IReadOnlyList<CodeDiagnostic> diagnostics)
    {
        var compiler = diagnostics.Count(d => d.Kind != CodeDiagnosticKind.Sandbox);
        var sandbox = diagnostics.Count - compiler;
        var text = new StringBuilder();
        text.Append("The code of method '").Append(methodName).Append("' ");
        if (compiler > 0)
        {
            text.Append("does not compile (").Append(Count(compiler, "error")).Append(')');
        }

        if (sandbox > 0)
        {
            text.Append(compiler > 0 ? " and " : "").Append("uses what the sandbox does not allow (").Append(Count(sandbox, "violation")).Append(')');
        }

        text.Append(':');
        if (sandbox > 0)
        {
            text.Append("\nTrainable code may only compute: no file system, network, processes, reflection, environment, threads, console or unsafe code.");
        }

        var quoted = diagnostics.Take(MaxQuoted).ToList();
        foreach (var unplaced in quoted.Where(d => d.Line <= 0))
        {
            text.Append("\n- ").Append(unplaced.Id).Append(": ").Append(unplaced.Message);
        }

        text.Append('\n').Append(Annotate(source, quoted));
        if (diagnostics.Count > quoted.Count)
        {
            text.Append("\n(").Append((diagnostics.Count - quoted.Count).ToString(CultureInfo.InvariantCulture)).Append(" more not shown)");
        }

        return text.ToString();
    }

    /// <summary>The source with each placed diagnostic appended to its line.</summary>
    public static string Annotate(string source, IReadOnlyList<CodeDiagnostic> diagnostics)
    {
        var byLine = diagnostics.Where(d => d.Line > 0).GroupBy(d => d.Line).ToDictionary(g => g.Key, g => g.ToList());
        var lines = source.Replace("\r\n", "\n", StringComparison.Ordinal).Split('\n');
        var text = new StringBuilder();
        for (var i = 0; i < lines.Length; i++)
        {
            if (i == lines.Length - 1 && lines[i].Length == 0 && !byLine.ContainsKey(i + 1))
            {
                break; // the source's final line break does not make one more line worth quoting
            }

            if (i > 0)
            {
                text.Append('\n');
            }

            text.Append(lines[i]);
            if (byLine.TryGetValue(i + 1, out var here))
            {
                text.Append(Marker).Append(string.Join("; ", here.Select(d => d.Id + ": " + d.Message)));
            }
        }

        return text.ToString();
    }

    private static string Count(int n, string noun) => n.ToString(CultureInfo.InvariantCulture) + " " + noun + (n == 1 ? "" : "s");
}
