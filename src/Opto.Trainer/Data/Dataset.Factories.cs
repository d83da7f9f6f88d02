using System.Text.Json;

namespace Opto.Trainer;

/// <summary>Creates datasets from memory, JSON Lines files and CSV files.</summary>
public static class Dataset
{
    /// <summary>A dataset of (input, expected) pairs; the ids are the positions, "0", "1", ….</summary>
    /// <typeparam name="TInput">The type of the inputs.</typeparam>
    /// <typeparam name="TExpected">The type of the expected answers.</typeparam>
    /// <param name="items">The pairs.</param>
    /// <param name="name">A name for messages and records.</param>
    /// <returns>The dataset.</returns>
    public static Dataset<TInput, TExpected> From<TInput, TExpected>(IEnumerable<(TInput Input, TExpected Expected)> items, string? name = null)
    {
        ArgumentNullException.ThrowIfNull(items);
        return new Dataset<TInput, TExpected>(items.Select((item, i) => new Example<TInput, TExpected>(Dataset<TInput, TExpected>.IndexId(i), item.Input, item.Expected)), name);
    }

    /// <summary>
    /// Reads a JSON Lines file: one JSON object per line (blank lines are skipped). The input and the expected answer
    /// are read from the named fields and converted with <see cref="JsonSerializer"/>.
    /// </summary>
    /// <typeparam name="TInput">The type of the inputs.</typeparam>
    /// <typeparam name="TExpected">The type of the expected answers.</typeparam>
    /// <param name="path">The file.</param>
    /// <param name="inputField">The field that holds the input.</param>
    /// <param name="expectedField">The field that holds the expected answer.</param>
    /// <param name="idField">The field that holds the id; when null, the id is the line number.</param>
    /// <param name="options">Serializer options for the values.</param>
    /// <returns>The dataset, named after the file.</returns>
    /// <exception cref="DatasetFormatException">A line is not a JSON object, lacks a field, or holds a value of the wrong type.</exception>
    public static Dataset<TInput, TExpected> FromJsonl<TInput, TExpected>(string path, string inputField, string expectedField, string? idField = null, JsonSerializerOptions? options = null) =>
        JsonlReader.Read<TInput, TExpected>(path, inputField, expectedField, idField, options ?? JsonSerializerOptions.Default);

    /// <summary>
    /// Reads a CSV file (RFC 4180: comma-separated, fields in double quotes may hold commas, quotes doubled and
    /// line breaks) whose first row names the columns. Input and expected answer are the text of the named columns.
    /// </summary>
    /// <param name="path">The file.</param>
    /// <param name="inputColumn">The column that holds the input.</param>
    /// <param name="expectedColumn">The column that holds the expected answer.</param>
    /// <param name="idColumn">The column that holds the id; when null, the id is the line number where the row starts.</param>
    /// <returns>The dataset, named after the file.</returns>
    /// <exception cref="DatasetFormatException">A column is missing from the header, or a row has missing or extra fields.</exception>
    public static Dataset<string, string> FromCsv(string path, string inputColumn, string expectedColumn, string? idColumn = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(inputColumn);
        ArgumentException.ThrowIfNullOrWhiteSpace(expectedColumn);
        return FromCsv(path, row => row[inputColumn], row => row[expectedColumn], idColumn);
    }

    /// <summary>Reads a CSV file (see <see cref="FromCsv(string, string, string, string?)"/>) and maps each row with delegates.</summary>
    /// <typeparam name="TInput">The type of the inputs.</typeparam>
    /// <typeparam name="TExpected">The type of the expected answers.</typeparam>
    /// <param name="path">The file.</param>
    /// <param name="input">Builds the input from a row.</param>
    /// <param name="expected">Builds the expected answer from a row.</param>
    /// <param name="idColumn">The column that holds the id; when null, the id is the line number where the row starts.</param>
    /// <returns>The dataset, named after the file.</returns>
    /// <exception cref="DatasetFormatException">A row has missing or extra fields, or a mapping threw.</exception>
    public static Dataset<TInput, TExpected> FromCsv<TInput, TExpected>(string path, Func<CsvRow, TInput> input, Func<CsvRow, TExpected> expected, string? idColumn = null)
    {
        ArgumentNullException.ThrowIfNull(input);
        ArgumentNullException.ThrowIfNull(expected);
        var examples = new List<Example<TInput, TExpected>>();
        foreach (var row in CsvReader.ReadRows(path))
        {
            var id = idColumn is null ? Dataset<TInput, TExpected>.IndexId(row.Line) : row[idColumn];
            examples.Add(new Example<TInput, TExpected>(id, Map(row, input), Map(row, expected)));
        }

        return new Dataset<TInput, TExpected>(examples, Path.GetFileName(path));
    }

    private static T Map<T>(CsvRow row, Func<CsvRow, T> map)
    {
        try
        {
            return map(row);
        }
        catch (DatasetFormatException)
        {
            throw;
        }
        catch (Exception ex) when (ex is FormatException or ArgumentException or InvalidOperationException or OverflowException)
        {
            throw new DatasetFormatException(row.Path, row.Line, null, $"could not convert the row: {ex.Message}", ex);
        }
    }
}
