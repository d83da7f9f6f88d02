using System.Text.Json;
using System.Text.Json.Serialization;

namespace Opto.Testing;

/// <summary>
/// The parts of a chat request that decide its answer: messages and the options that matter (model, sampling,
/// output limits, response format, tools, additional properties). Two requests with the same canonical form are
/// the same request for a cassette.
/// </summary>
public sealed record CassetteRequest
{
    /// <summary>The model requested in the options, if any.</summary>
    public string? Model { get; init; }

    /// <summary>The sampling temperature.</summary>
    public float? Temperature { get; init; }

    /// <summary>Nucleus sampling.</summary>
    public float? TopP { get; init; }

    /// <summary>Top-k sampling.</summary>
    public int? TopK { get; init; }

    /// <summary>The output token limit.</summary>
    public int? MaxOutputTokens { get; init; }

    /// <summary>The sampling seed.</summary>
    public long? Seed { get; init; }

    /// <summary>The frequency penalty.</summary>
    public float? FrequencyPenalty { get; init; }

    /// <summary>The presence penalty.</summary>
    public float? PresencePenalty { get; init; }

    /// <summary>Stop sequences.</summary>
    public IReadOnlyList<string>? StopSequences { get; init; }

    /// <summary>The response format: <c>text</c>, <c>json</c> or <c>json_schema</c>.</summary>
    public string? ResponseFormat { get; init; }

    /// <summary>The schema name, for <c>json_schema</c>.</summary>
    public string? SchemaName { get; init; }

    /// <summary>The JSON schema, for <c>json_schema</c>.</summary>
    public JsonElement? Schema { get; init; }

    /// <summary>Instructions given through the options rather than as a message.</summary>
    [JsonConverter(typeof(MultilineTextConverter))]
    public string? Instructions { get; init; }

    /// <summary>The names of the tools offered.</summary>
    public IReadOnlyList<string>? Tools { get; init; }

    /// <summary>The tool mode: <c>auto</c>, <c>none</c>, <c>required</c> or <c>required:NAME</c>.</summary>
    public string? ToolMode { get; init; }

    /// <summary>The options' additional properties (provider-specific settings, cache salts), as JSON text, sorted by name.</summary>
    public IReadOnlyDictionary<string, string>? Extra { get; init; }

    /// <summary>The messages, in order.</summary>
    public IReadOnlyList<CassetteMessage> Messages { get; init; } = [];
}

/// <summary>A chat message as stored in a cassette.</summary>
public sealed record CassetteMessage
{
    /// <summary>The role: <c>system</c>, <c>user</c>, <c>assistant</c> or <c>tool</c>.</summary>
    public string Role { get; init; } = "user";

    /// <summary>The author name, if any.</summary>
    public string? Name { get; init; }

    /// <summary>The text; stored as an array of lines when it has several, so that files diff well.</summary>
    [JsonConverter(typeof(MultilineTextConverter))]
    public string? Text { get; init; }

    /// <summary>Function calls made by the message.</summary>
    public IReadOnlyList<CassetteFunctionCall>? FunctionCalls { get; init; }

    /// <summary>Function results carried by the message.</summary>
    public IReadOnlyList<CassetteFunctionResult>? FunctionResults { get; init; }

    /// <summary>Other content, summarised: <c>image/png sha256:...</c> for data, <c>uri ...</c> for links.</summary>
    public IReadOnlyList<string>? Attachments { get; init; }
}

/// <summary>A function call in a cassette.</summary>
public sealed record CassetteFunctionCall
{
    /// <summary>The call id.</summary>
    public string CallId { get; init; } = string.Empty;

    /// <summary>The function name.</summary>
    public string Name { get; init; } = string.Empty;

    /// <summary>The arguments, as a JSON object.</summary>
    public JsonElement? Arguments { get; init; }
}

/// <summary>A function result in a cassette.</summary>
public sealed record CassetteFunctionResult
{
    /// <summary>The id of the call it answers.</summary>
    public string CallId { get; init; } = string.Empty;

    /// <summary>The result, as text (JSON for non-string values).</summary>
    [JsonConverter(typeof(MultilineTextConverter))]
    public string? Result { get; init; }
}
