using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace Opto.Testing;

/// <summary>The JSON settings of cassette files and of request keys.</summary>
internal static class CassetteJson
{
    /// <summary>Indented, camelCase, no nulls, no needless escapes, LF line ends on every OS.</summary>
    public static readonly JsonSerializerOptions File = new()
    {
        WriteIndented = true,
        IndentSize = 2,
        NewLine = "\n",
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,

        // Prompts are full of quotes, '<' and non-ASCII text; escaping them would make cassettes hard to read.
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    /// <summary>The same settings without indentation: the canonical form hashed into request keys.</summary>
    public static readonly JsonSerializerOptions Compact = new(File) { WriteIndented = false };
}
