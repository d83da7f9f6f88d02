using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Text;

namespace Opto.Trace.Code;

/// <summary>
/// The user's method text placed inside a host class, laid out so that every line keeps its number: the class
/// header goes on the line of the last <c>using</c> (or in front of line 1), and the closing brace after the end.
/// Compiler diagnostics, sandbox findings and stack traces of the compiled code therefore name the user's lines.
/// </summary>
internal sealed class WrappedSource
{
    /// <summary>The class that holds the user's methods; it also appears in stack traces.</summary>
    public const string HostClassName = "TrainableCode";

    private const string Header = "internal sealed partial class " + HostClassName + " { ";
    private const string Footer = "\n}\n";

    private WrappedSource(string userText, string text, int insertAt)
    {
        UserText = userText;
        Text = text;
        InsertAt = insertAt;
        UserSource = SourceText.From(userText);
    }

    /// <summary>The source as the user (or optimizer) wrote it.</summary>
    public string UserText { get; }

    /// <summary>The same text with the host class around it.</summary>
    public string Text { get; }

    /// <summary>Where, in the user's text, the class header was inserted.</summary>
    public int InsertAt { get; }

    /// <summary>The user's text, for line look-ups.</summary>
    public SourceText UserSource { get; }

    public static WrappedSource Create(string userText, CSharpParseOptions options)
    {
        // Usings (and extern aliases) must stay at the top of the file, outside the class.
        var unit = CSharpSyntaxTree.ParseText(userText, options).GetCompilationUnitRoot();
        var insertAt = unit.Usings.Count > 0 ? unit.Usings[^1].Span.End
            : unit.Externs.Count > 0 ? unit.Externs[^1].Span.End
            : 0;
        var prefix = insertAt == 0 ? "" : " ";
        var text = string.Concat(userText.AsSpan(0, insertAt), prefix + Header, userText.AsSpan(insertAt), Footer);
        return new WrappedSource(userText, text, insertAt);
    }

    /// <summary>
    /// Where the code escapes the host class, if it does: a stray <c>}</c> would close the class early and let what
    /// follows be declared at the top level (a namespace could then shadow the budget guard). Returns the position in
    /// <see cref="Text"/> of the first thing outside the class, or null when the code stays inside.
    /// </summary>
    public int? FindEscape(CompilationUnitSyntax root)
    {
        var host = root.Members.Count > 0 ? root.Members[0] as ClassDeclarationSyntax : null;
        var closing = Text.Length - Footer.Length + 1;
        if (host is null || host.Identifier.ValueText != HostClassName)
        {
            return root.Members.Count > 0 ? root.Members[0].SpanStart : 0;
        }

        if (root.AttributeLists.Count > 0)
        {
            return root.AttributeLists[0].SpanStart;
        }

        if (host.CloseBraceToken.IsMissing || host.CloseBraceToken.SpanStart != closing)
        {
            return host.CloseBraceToken.IsMissing ? null : host.CloseBraceToken.SpanStart;
        }

        return root.Members.Count > 1 ? root.Members[1].SpanStart : null;
    }

    /// <summary>Maps a position in <see cref="Text"/> to the user's text (the header and footer map to their edges).</summary>
    public int ToUserPosition(int wrappedPosition)
    {
        if (wrappedPosition <= InsertAt)
        {
            return wrappedPosition;
        }

        var shift = Text.Length - UserText.Length - Footer.Length;
        return Math.Clamp(wrappedPosition - shift, InsertAt, UserText.Length);
    }

    /// <summary>The 1-based line and column, in the user's text, of a position in <see cref="Text"/>.</summary>
    public (int Line, int Column) ToUserLine(int wrappedPosition)
    {
        var position = ToUserPosition(wrappedPosition);
        var line = UserSource.Lines.GetLinePosition(position);
        return (line.Line + 1, line.Character + 1);
    }

    /// <summary>The text of a 1-based line of the user's source, without its line break.</summary>
    public string LineText(int line) =>
        line >= 1 && line <= UserSource.Lines.Count ? UserSource.Lines[line - 1].ToString() : "";
}
