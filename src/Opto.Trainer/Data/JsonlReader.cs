using System.Globalization;
using System.Text.Json;

namespace Opto.Trainer;

/// <summary>Reads JSON Lines datasets, naming the file, line and field of anything it cannot read.</summary>
internal static class JsonlReader
{
    public static Dataset<TInput, TExpected> Read<TInput, TExpected>(string path, string inputField, string expectedField, string? idField, JsonSerializerOptions options)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        ArgumentException.ThrowIfNullOrWhiteSpace(inputField);
        ArgumentException.ThrowIfNullOrWhiteSpace(expectedField);
        var examples = new List<Example<TInput, TExpected>>();
        var number = 0;
        foreach (var line in File.ReadLines(path))
        {
            number++;
            if (string.IsNullOrWhiteSpace(line))
            {
                continue;
            }

            JsonDocument document;
            try
            {
                document = JsonDocument.Parse(line);
            }
            catch (JsonException ex)
            {
                throw new DatasetFormatException(path, number, null, $"the line is not valid JSON ({ex.Message}).", ex);
            }

            using (document)
            {
                var root = document.RootElement;
                if (root.ValueKind != JsonValueKind.Object)
                {
                    throw new DatasetFormatException(path, number, null, $"each line must be a JSON object, but this one is {root.ValueKind.ToString().ToLowerInvariant()}.");
                }

                var id = idField is null ? number.ToString(CultureInfo.InvariantCulture) : ReadId(root, path, number, idField);
                var input = ReadField<TInput>(root, path, number, inputField, options);
                var expected = ReadField<TExpected>(root, path, number, expectedField, options);
                examples.Add(new Example<TInput, TExpected>(id, input, expected));
            }
        }

        return new Dataset<TInput, TExpected>(examples, Path.GetFileName(path));
    }

    private static string ReadId(JsonElement root, string path, int line, string field)
    {
        var element = Require(root, path, line, field);
        return element.ValueKind switch
        {
            JsonValueKind.String => element.GetString()!,
            JsonValueKind.Number => element.GetRawText(),
            _ => throw new DatasetFormatException(path, line, field, $"the id field '{field}' must be a string or a number."),
        };
    }

    private static T ReadField<T>(JsonElement root, string path, int line, string field, JsonSerializerOptions options)
    {
        var element = Require(root, path, line, field);
        try
        {
            return element.Deserialize<T>(options)!;
        }
        catch (Exception ex) when (ex is JsonException or NotSupportedException or InvalidOperationException)
        {
            throw new DatasetFormatException(path, line, field, $"field '{field}' cannot be read as {Opto.Trace.TypeNames.Friendly(typeof(T))} ({ex.Message}).", ex);
        }
    }

    private static JsonElement Require(JsonElement root, string path, int line, string field) =>
        root.TryGetProperty(field, out var element)
            ? element
            : throw new DatasetFormatException(path, line, field,
                $"the field '{field}' is missing; the line has {string.Join(", ", root.EnumerateObject().Select(p => $"'{p.Name}'"))}.");
}
