using System;
using System.Text;

namespace Opto.Trace.Generators.Helpers;

/// <summary>
/// Writes C# with indentation and braces; emitters stay readable as straight-line code instead of one large
/// template string. Lines always end with '\n' so that output is the same on every platform.
/// </summary>
internal sealed class CodeWriter
{
    private const string IndentUnit = "    ";
    private readonly StringBuilder _text = new();
    private int _depth;

    public CodeWriter Line(string line = "")
    {
        if (line.Length > 0)
        {
            for (var i = 0; i < _depth; i++)
            {
                _text.Append(IndentUnit);
            }

            _text.Append(line);
        }

        _text.Append('\n');
        return this;
    }

    /// <summary>Writes <paramref name="header"/>, an opening brace, and indents until the returned scope is disposed.</summary>
    public Block OpenBlock(string header)
    {
        Line(header);
        Line("{");
        _depth++;
        return new Block(this);
    }

    /// <summary>Writes several lines that may hold '\n', each indented at the current depth.</summary>
    public CodeWriter Lines(string text)
    {
        foreach (var line in text.Split('\n'))
        {
            Line(line.TrimEnd('\r'));
        }

        return this;
    }

    public override string ToString() => _text.ToString();

    private void Close()
    {
        _depth--;
        Line("}");
    }

    internal readonly struct Block(CodeWriter writer) : IDisposable
    {
        public void Dispose() => writer.Close();
    }
}
