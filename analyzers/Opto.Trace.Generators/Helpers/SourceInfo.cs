using System;
using System.Text;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Text;

namespace Opto.Trace.Generators.Helpers;

/// <summary>A declaration's text as written and where it starts, for <c>Operation.SourceText</c>, <c>FilePath</c> and <c>Line</c>.</summary>
internal static class SourceInfo
{
    /// <summary>The declaration (attributes included, comments excluded), with its own indentation removed.</summary>
    public static string Text(SyntaxNode declaration)
    {
        var lines = declaration.ToString().Replace("\r\n", "\n").Split('\n');
        var column = declaration.SyntaxTree.GetLineSpan(declaration.Span).StartLinePosition.Character;
        var text = new StringBuilder(lines[0]);
        for (var i = 1; i < lines.Length; i++)
        {
            // Later lines carry the indentation of the enclosing class; the first line's column is how much to drop.
            var line = lines[i];
            var drop = 0;
            while (drop < column && drop < line.Length && (line[drop] == ' ' || line[drop] == '\t'))
            {
                drop++;
            }

            text.Append('\n').Append(line.Substring(drop).TrimEnd());
        }

        return text.ToString();
    }

    /// <summary>
    /// Text that starts on <paramref name="firstLine"/>, with the indentation of that line removed from every later
    /// line (the class's indentation) and trailing spaces trimmed; line ends become '\n'.
    /// </summary>
    public static string Dedent(string text, TextLine firstLine)
    {
        var lineText = firstLine.ToString();
        var indentation = 0;
        while (indentation < lineText.Length && (lineText[indentation] == ' ' || lineText[indentation] == '\t'))
        {
            indentation++;
        }

        var lines = text.Replace("\r\n", "\n").Split('\n');
        var result = new StringBuilder(lines[0].TrimEnd());
        for (var i = 1; i < lines.Length; i++)
        {
            var line = lines[i];
            var drop = 0;
            while (drop < indentation && drop < line.Length && (line[drop] == ' ' || line[drop] == '\t'))
            {
                drop++;
            }

            result.Append('\n').Append(line.Substring(drop).TrimEnd());
        }

        return result.ToString();
    }

    /// <summary>The file (after any <c>#line</c> mapping) and 1-based line where the declaration starts.</summary>
    public static (string Path, int Line) Location(SyntaxNode declaration)
    {
        var span = declaration.SyntaxTree.GetMappedLineSpan(declaration.Span);
        return (span.Path ?? string.Empty, span.StartLinePosition.Line + 1);
    }

    /// <summary>A hint-name-safe form of a name: letters, digits, '_' and '.' only.</summary>
    public static string HintSafe(string name)
    {
        var text = new StringBuilder(name.Length);
        foreach (var c in name)
        {
            text.Append(char.IsLetterOrDigit(c) || c == '.' || c == '_' ? c : '_');
        }

        return text.ToString();
    }
}
