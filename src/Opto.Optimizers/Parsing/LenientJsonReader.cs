using System.Globalization;
using System.Text;
using System.Text.Json;

namespace Opto.Optimizers;

/// <summary>
/// Reads JSON the way LLMs write it: single-quoted strings, bare keys, trailing or missing commas, Python
/// literals (True, False, None), comments, raw line breaks inside strings, and text that ends in the middle.
/// It never throws on bad input: a container that breaks off is returned incomplete with the members read so far.
/// Linear in the length of the text.
/// </summary>
/// <param name="text">The text.</param>
/// <param name="start">Where to start reading.</param>
/// <param name="textIsWhole">Whether the text is known to be complete, so that a number or word touching its end was not cut.</param>
internal sealed class LenientJsonReader(string text, int start, bool textIsWhole = false)
{
    private const int MaxDepth = 64;
    private int _pos = start;

    /// <summary>Where reading stopped.</summary>
    public int Position => _pos;

    /// <summary>Whether the text ended while reading.</summary>
    public bool ReachedEnd => _pos >= text.Length;

    /// <summary>The first syntax error met, if any.</summary>
    public string? Error { get; private set; }

    /// <summary>Reads one value; null when there is none here (the text ended, or a syntax error: see <see cref="Error"/>).</summary>
    public LooseValue? ReadValue() => ReadValue(0);

    /// <summary>Reads a whole text as one value, allowing only white space around it.</summary>
    public static LooseValue? ReadWhole(string text)
    {
        var reader = new LenientJsonReader(text, 0, textIsWhole: true);
        var value = reader.ReadValue();
        if (value is not { Complete: true })
        {
            return null;
        }

        reader.SkipTrivia();
        return reader.ReachedEnd ? value : null;
    }

    private LooseValue? ReadValue(int depth)
    {
        SkipTrivia();
        if (ReachedEnd)
        {
            return null;
        }

        var c = text[_pos];
        switch (c)
        {
            case '{':
                return depth >= MaxDepth ? Fail("the JSON is nested too deeply") : ReadObject(depth);
            case '[':
                return depth >= MaxDepth ? Fail("the JSON is nested too deeply") : ReadArray(depth);
            case '"' or '\'':
                return ReadString(c);
            case '-' or '+' or '.':
                return ReadNumber();
            default:
                if (char.IsAsciiDigit(c))
                {
                    return ReadNumber();
                }

                if (char.IsAsciiLetter(c))
                {
                    return ReadWord();
                }

                return Fail($"unexpected character '{c}' at position {_pos}");
        }
    }

    private LooseObject ReadObject(int depth)
    {
        var obj = new LooseObject(_pos);
        _pos++; // '{'
        while (true)
        {
            SkipTrivia();
            if (ReachedEnd)
            {
                return Stop(obj);
            }

            var c = text[_pos];
            if (c == '}')
            {
                _pos++;
                obj.End = _pos;
                obj.Complete = true;
                return obj;
            }

            if (c == ',')
            {
                _pos++; // stray and trailing commas are harmless
                continue;
            }

            var key = ReadKey();
            if (key is null)
            {
                obj.Error = Error;
                return Stop(obj);
            }

            SkipTrivia();
            if (ReachedEnd)
            {
                obj.Members.Add(new LooseMember(key, null));
                return Stop(obj);
            }

            if (text[_pos] is not (':' or '='))
            {
                Fail($"expected ':' after the key \"{key}\" at position {_pos}");
                obj.Error = Error;
                return Stop(obj);
            }

            _pos++;
            var value = ReadValue(depth + 1);
            obj.Members.Add(new LooseMember(key, value));
            if (value is not { Complete: true })
            {
                obj.Error = Error;
                return Stop(obj);
            }

            SkipTrivia();
            if (ReachedEnd)
            {
                return Stop(obj);
            }

            c = text[_pos];
            if (c == ',')
            {
                _pos++;
            }
            else if (c is not ('}' or '"' or '\''))
            {
                // A missing comma before the next quoted key is forgiven; anything else ends the object here.
                Fail($"expected ',' or '}}' at position {_pos}");
                obj.Error = Error;
                return Stop(obj);
            }
        }
    }

    private LooseArray ReadArray(int depth)
    {
        var array = new LooseArray(_pos);
        _pos++; // '['
        while (true)
        {
            SkipTrivia();
            if (ReachedEnd)
            {
                return Stop(array);
            }

            var c = text[_pos];
            if (c == ']')
            {
                _pos++;
                array.End = _pos;
                array.Complete = true;
                return array;
            }

            if (c == ',')
            {
                _pos++;
                continue;
            }

            var item = ReadValue(depth + 1);
            if (item is not { Complete: true })
            {
                if (item is not null)
                {
                    array.Items.Add(item);
                }

                return Stop(array);
            }

            array.Items.Add(item);
            SkipTrivia();
            if (!ReachedEnd && text[_pos] is not (',' or ']'))
            {
                Fail($"expected ',' or ']' at position {_pos}");
                return Stop(array);
            }
        }
    }

    private string? ReadKey()
    {
        var c = text[_pos];
        if (c is '"' or '\'')
        {
            var s = ReadString(c);
            return s.Complete ? s.Text : null;
        }

        if (char.IsAsciiLetter(c) || c is '_' or '$')
        {
            var begin = _pos;
            while (_pos < text.Length && (char.IsAsciiLetterOrDigit(text[_pos]) || text[_pos] is '_' or '.' or '$' or '-'))
            {
                _pos++;
            }

            return ReachedEnd ? null : text[begin.._pos];
        }

        Fail($"expected a key at position {_pos}");
        return null;
    }

    private LooseScalar ReadString(char quote)
    {
        var begin = _pos;
        _pos++;
        var sb = new StringBuilder();
        while (_pos < text.Length)
        {
            // Copy plain runs in one go: a huge value costs one pass.
            var rest = text.AsSpan(_pos);
            var stop = rest.IndexOfAny(quote, '\\');
            if (stop < 0)
            {
                sb.Append(rest);
                _pos = text.Length;
                break;
            }

            sb.Append(rest[..stop]);
            _pos += stop;
            if (text[_pos] == quote)
            {
                _pos++;
                return new LooseScalar(begin, JsonValueKind.String, sb.ToString()) { End = _pos, Complete = true };
            }

            // A backslash.
            if (_pos + 1 >= text.Length)
            {
                _pos = text.Length;
                break;
            }

            var e = text[_pos + 1];
            _pos += 2;
            switch (e)
            {
                case 'n': sb.Append('\n'); break;
                case 't': sb.Append('\t'); break;
                case 'r': sb.Append('\r'); break;
                case 'b': sb.Append('\b'); break;
                case 'f': sb.Append('\f'); break;
                case '"' or '\'' or '\\' or '/': sb.Append(e); break;
                case 'u':
                    if (_pos + 4 > text.Length)
                    {
                        _pos = text.Length;
                        return new LooseScalar(begin, JsonValueKind.String, sb.ToString()) { End = _pos };
                    }

                    if (ushort.TryParse(text.AsSpan(_pos, 4), NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out var code))
                    {
                        sb.Append((char)code);
                        _pos += 4;
                    }
                    else
                    {
                        sb.Append("\\u");
                    }

                    break;
                default:
                    // An unknown escape (\d in a regular expression) is kept as written.
                    sb.Append('\\').Append(e);
                    break;
            }
        }

        return new LooseScalar(begin, JsonValueKind.String, sb.ToString()) { End = _pos };
    }

    private LooseValue? ReadNumber()
    {
        var begin = _pos;
        var sb = new StringBuilder();
        if (text[_pos] is '+' or '-')
        {
            if (text[_pos] == '-')
            {
                sb.Append('-');
            }

            _pos++;
        }

        var intStart = sb.Length;
        while (_pos < text.Length && char.IsAsciiDigit(text[_pos]))
        {
            sb.Append(text[_pos++]);
        }

        if (sb.Length == intStart)
        {
            sb.Append('0'); // ".5" is 0.5
        }

        if (_pos < text.Length && text[_pos] == '.')
        {
            _pos++;
            var fracStart = sb.Length;
            sb.Append('.');
            while (_pos < text.Length && char.IsAsciiDigit(text[_pos]))
            {
                sb.Append(text[_pos++]);
            }

            if (sb.Length == fracStart + 1)
            {
                sb.Length = fracStart; // "5." is 5
            }
        }

        if (_pos < text.Length && text[_pos] is 'e' or 'E')
        {
            var mark = sb.Length;
            var markPos = _pos;
            sb.Append('e');
            _pos++;
            if (_pos < text.Length && text[_pos] is '+' or '-')
            {
                sb.Append(text[_pos++]);
            }

            var digits = 0;
            while (_pos < text.Length && char.IsAsciiDigit(text[_pos]))
            {
                sb.Append(text[_pos++]);
                digits++;
            }

            if (digits == 0)
            {
                sb.Length = mark;
                _pos = markPos;
            }
        }

        var number = sb.ToString();
        if (number is "0" or "-0" && _pos - begin <= 1 && text[begin] is not (>= '0' and <= '9'))
        {
            return Fail($"expected a value at position {begin}");
        }

        if (_pos < text.Length && (char.IsAsciiLetter(text[_pos]) || text[_pos] == '_'))
        {
            return Fail($"'{text[begin..(_pos + 1)]}' is not a number (position {begin})");
        }

        // A number that touches the end of the text may have been cut (123 written as 12).
        return new LooseScalar(begin, JsonValueKind.Number, number) { End = _pos, Complete = textIsWhole || _pos < text.Length };
    }

    private LooseValue? ReadWord()
    {
        var begin = _pos;
        while (_pos < text.Length && (char.IsAsciiLetterOrDigit(text[_pos]) || text[_pos] == '_'))
        {
            _pos++;
        }

        var word = text[begin.._pos];
        var complete = textIsWhole || _pos < text.Length;
        JsonValueKind? kind = word.ToLowerInvariant() switch
        {
            "true" => JsonValueKind.True,
            "false" => JsonValueKind.False,
            "null" or "none" => JsonValueKind.Null,
            _ => null,
        };
        if (kind is { } k)
        {
            return new LooseScalar(begin, k, word) { End = _pos, Complete = complete };
        }

        if (!complete)
        {
            return new LooseScalar(begin, JsonValueKind.Null, word) { End = _pos }; // "tru" cut off: incomplete
        }

        _pos = begin;
        return Fail($"'{word}' is not a JSON value (position {begin})");
    }

    /// <summary>Skips white space and // or /* */ comments.</summary>
    private void SkipTrivia()
    {
        while (_pos < text.Length)
        {
            var c = text[_pos];
            if (char.IsWhiteSpace(c))
            {
                _pos++;
            }
            else if (c == '/' && _pos + 1 < text.Length && text[_pos + 1] == '/')
            {
                var end = text.IndexOf('\n', _pos);
                _pos = end < 0 ? text.Length : end + 1;
            }
            else if (c == '/' && _pos + 1 < text.Length && text[_pos + 1] == '*')
            {
                var end = text.IndexOf("*/", _pos + 2, StringComparison.Ordinal);
                _pos = end < 0 ? text.Length : end + 2;
            }
            else
            {
                return;
            }
        }
    }

    private T Stop<T>(T value)
        where T : LooseValue
    {
        value.End = _pos;
        value.Complete = false;
        return value;
    }

    private LooseValue? Fail(string message)
    {
        Error ??= message;
        return null;
    }
}
