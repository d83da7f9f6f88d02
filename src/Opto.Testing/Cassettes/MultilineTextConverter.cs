using System.Text.Json;
using System.Text.Json.Serialization;

namespace Opto.Testing;

/// <summary>
/// Writes a multi-line string as an array of lines, and reads either form back. Prompts are long and multi-line;
/// one JSON string with <c>\n</c> escapes would make cassettes unreadable and their diffs useless.
/// </summary>
internal sealed class MultilineTextConverter : JsonConverter<string>
{
    public override bool HandleNull => false;

    public override string? Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        if (reader.TokenType == JsonTokenType.String)
        {
            return reader.GetString();
        }

        if (reader.TokenType != JsonTokenType.StartArray)
        {
            throw new JsonException($"Expected a string or an array of lines, found {reader.TokenType}.");
        }

        var lines = new List<string>();
        while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
        {
            lines.Add(reader.GetString() ?? string.Empty);
        }

        return string.Join('\n', lines);
    }

    public override void Write(Utf8JsonWriter writer, string value, JsonSerializerOptions options)
    {
        if (!value.Contains('\n', StringComparison.Ordinal))
        {
            writer.WriteStringValue(value);
            return;
        }

        writer.WriteStartArray();
        foreach (var line in value.Split('\n'))
        {
            writer.WriteStringValue(line);
        }

        writer.WriteEndArray();
    }
}
