namespace Opto.Trainer;

/// <summary>One data row of a CSV file, with its fields by column name.</summary>
public sealed class CsvRow
{
    private readonly IReadOnlyDictionary<string, int> _columns;
    private readonly string[] _fields;

    internal CsvRow(string path, int line, IReadOnlyDictionary<string, int> columns, string[] fields)
    {
        Path = path;
        Line = line;
        _columns = columns;
        _fields = fields;
    }

    /// <summary>The file the row comes from.</summary>
    public string Path { get; }

    /// <summary>The 1-based line where the row starts.</summary>
    public int Line { get; }

    /// <summary>The text of a column.</summary>
    /// <param name="column">The column's name, as in the header row.</param>
    /// <exception cref="DatasetFormatException">The header has no such column.</exception>
    public string this[string column] => _columns.TryGetValue(column, out var index)
        ? _fields[index]
        : throw new DatasetFormatException(Path, Line, column, $"there is no column '{column}'; the header names {string.Join(", ", _columns.Keys.Select(k => $"'{k}'"))}.");
}
