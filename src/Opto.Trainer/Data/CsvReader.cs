using System.Text;

namespace Opto.Trainer;

/// <summary>Reads CSV as RFC 4180 describes it: a header row, commas, double-quoted fields with doubled quotes and line breaks.</summary>
internal static class CsvReader
{
    public static IEnumerable<CsvRow> ReadRows(string path)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        var text = File.ReadAllText(path);
        using var records = Parse(text, path).GetEnumerator();
        if (!records.MoveNext())
        {
            throw new DatasetFormatException(path, 1, null, "the file is empty; a CSV dataset needs a header row that names the columns.");
        }

        var (_, header) = records.Current;
        var columns = new Dictionary<string, int>(header.Count, StringComparer.Ordinal);
        for (var i = 0; i < header.Count; i++)
        {
            if (!columns.TryAdd(header[i], i))
            {
                throw new DatasetFormatException(path, 1, header[i], $"the header names the column '{header[i]}' twice.");
            }
        }

        while (records.MoveNext())
        {
            var (line, fields) = records.Current;
            if (fields.Count == 1 && fields[0].Length == 0)
            {
                continue; // a blank line
            }

            if (fields.Count < header.Count)
            {
                var missing = header.Skip(fields.Count).ToArray();
                throw new DatasetFormatException(path, line, missing[0],
                    $"the row has {fields.Count} field(s) but the header has {header.Count}; missing: {string.Join(", ", missing.Select(m => $"'{m}'"))}.");
            }

            if (fields.Count > header.Count)
            {
                throw new DatasetFormatException(path, line, null,
                    $"the row has {fields.Count} fields but the header names only {header.Count}; quote fields that contain commas.");
            }

            yield return new CsvRow(path, line, columns, [.. fields]);
        }
    }

    /// <summary>Splits text into records, each with the line it starts on.</summary>
    internal static IEnumerable<(int Line, List<string> Fields)> Parse(string text, string path)
    {
        var line = 1;
        var position = 0;
        // A trailing line break does not start another record.
        var end = text.Length;
        if (end > 0 && text[end - 1] == '\n')
        {
            end--;
            if (end > 0 && text[end - 1] == '\r')
            {
                end--;
            }
        }

        if (end == 0)
        {
            yield break;
        }

        var field = new StringBuilder();
        while (position <= end)
        {
            var startLine = line;
            var fields = new List<string>();
            while (true)
            {
                field.Clear();
                if (position < end && text[position] == '"')
                {
                    var quoteLine = line;
                    position++;
                    while (true)
                    {
                        if (position >= end)
                        {
                            throw new DatasetFormatException(path, quoteLine, null, "a quoted field is never closed (a '\"' is missing).");
                        }

                        var c = text[position];
                        if (c == '"')
                        {
                            if (position + 1 < end && text[position + 1] == '"')
                            {
                                field.Append('"');
                                position += 2;
                                continue;
                            }

                            position++;
                            break;
                        }

                        if (c == '\n')
                        {
                            line++;
                        }

                        field.Append(c);
                        position++;
                    }

                    if (position < end && text[position] is not (',' or '\r' or '\n'))
                    {
                        throw new DatasetFormatException(path, line, null, "a quoted field is followed by text; write the whole field inside the quotes.");
                    }
                }
                else
                {
                    while (position < end && text[position] is not (',' or '\r' or '\n'))
                    {
                        field.Append(text[position]);
                        position++;
                    }
                }

                fields.Add(field.ToString());
                if (position < end && text[position] == ',')
                {
                    position++;
                    continue;
                }

                break;
            }

            // Now at a line break or at the end.
            if (position < end && text[position] == '\r')
            {
                position++;
            }

            if (position < end && text[position] == '\n')
            {
                position++;
            }

            line++;
            yield return (startLine, fields);
            if (position >= end)
            {
                yield break;
            }
        }
    }
}
