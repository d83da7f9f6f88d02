using System;
using System.Linq;
using System.Text;
using System.Text.RegularExpressions;
using System.Xml;
using System.Xml.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;

namespace Opto.Trace.Generators.Helpers;

/// <summary>
/// Reads the text of a declaration's XML doc summary from its comment trivia. The compiler's own
/// GetDocumentationCommentXml is empty unless the project generates a documentation file, so the comment is read
/// from the source instead, which works in every project.
/// </summary>
internal static class DocumentationText
{
    private static readonly Regex Whitespace = new(@"\s+", RegexOptions.CultureInvariant);
    private static readonly Regex SummaryElement = new(@"<summary>(?<text>.*?)</summary>", RegexOptions.Singleline | RegexOptions.CultureInvariant);
    private static readonly Regex AnyTag = new(@"<[^>]*>", RegexOptions.CultureInvariant);

    /// <summary>The summary as one line of plain text, or <see langword="null"/> when there is none.</summary>
    public static string? Summary(SyntaxNode declaration)
    {
        var comment = CommentText(declaration);
        if (comment.Length == 0)
        {
            return null;
        }

        string? text;
        try
        {
            var root = XElement.Parse("<doc>" + comment + "</doc>", LoadOptions.PreserveWhitespace);
            var summary = root.Element("summary");
            text = summary is null ? null : Flatten(summary);
        }
        catch (XmlException)
        {
            // Malformed XML still has readable text; keep what is between the summary tags.
            var match = SummaryElement.Match(comment);
            text = match.Success ? AnyTag.Replace(match.Groups["text"].Value, string.Empty) : null;
        }

        text = text is null ? null : Whitespace.Replace(text, " ").Trim();
        return string.IsNullOrEmpty(text) ? null : text;
    }

    /// <summary>The comment's XML without its '///' or '/** */' markers.</summary>
    private static string CommentText(SyntaxNode declaration)
    {
        var text = new StringBuilder();
        foreach (var trivia in declaration.GetLeadingTrivia())
        {
            switch (trivia.Kind())
            {
                case SyntaxKind.SingleLineDocumentationCommentTrivia:
                case SyntaxKind.SingleLineCommentTrivia when trivia.ToString().StartsWith("///", StringComparison.Ordinal):
                    foreach (var line in trivia.ToFullString().Split('\n'))
                    {
                        var trimmed = line.Trim();
                        if (trimmed.StartsWith("///", StringComparison.Ordinal))
                        {
                            text.Append(trimmed.Substring(3)).Append('\n');
                        }
                    }

                    break;
                case SyntaxKind.MultiLineDocumentationCommentTrivia:
                    var body = trivia.ToFullString().Trim();
                    body = body.Substring(3, Math.Max(0, body.Length - 5));
                    foreach (var line in body.Split('\n'))
                    {
                        text.Append(line.Trim().TrimStart('*')).Append('\n');
                    }

                    break;
            }
        }

        return text.ToString();
    }

    private static string Flatten(XElement element)
    {
        var text = new StringBuilder();
        foreach (var node in element.Nodes())
        {
            switch (node)
            {
                case XText t:
                    text.Append(t.Value);
                    break;
                case XElement e when e.IsEmpty:
                    text.Append(EmptyElementText(e));
                    break;
                case XElement e when e.Name.LocalName is "para" or "list" or "item":
                    // Block elements separate words; inline ones (c, see, paramref) sit inside a sentence.
                    text.Append(' ').Append(Flatten(e)).Append(' ');
                    break;
                case XElement e:
                    text.Append(Flatten(e));
                    break;
            }
        }

        return text.ToString();
    }

    /// <summary><c>&lt;see cref="T:A.B"/&gt;</c> reads as <c>B</c>, <c>&lt;paramref name="x"/&gt;</c> as <c>x</c>.</summary>
    private static string EmptyElementText(XElement element)
    {
        var value = (string?)element.Attribute("cref") ?? (string?)element.Attribute("langword") ?? (string?)element.Attribute("name") ?? (string?)element.Attribute("href") ?? string.Empty;
        var colon = value.IndexOf(':');
        if (colon >= 0 && colon < 2)
        {
            value = value.Substring(colon + 1);
        }

        var parenthesis = value.IndexOf('(');
        var simple = parenthesis >= 0 ? value.Substring(0, parenthesis) : value;
        var dot = simple.LastIndexOf('.');
        return dot >= 0 && element.Attribute("cref") is not null ? value.Substring(dot + 1) : value;
    }
}
