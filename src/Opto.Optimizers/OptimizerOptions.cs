using System.Text.Json;
using System.Text.Json.Serialization;
using Microsoft.Extensions.AI;

namespace Opto.Optimizers;

/// <summary>Settings every LLM optimizer shares.</summary>
public class OptimizerOptions
{
    /// <summary>The serializer options used to read proposed values (enums by name or number).</summary>
    public static JsonSerializerOptions DefaultSerializerOptions { get; } = CreateDefaultSerializerOptions();

    /// <summary>
    /// Options for every LLM call (model, temperature, maximum output tokens…). They are copied for each call;
    /// the optimizer sets <see cref="ChatOptions.ResponseFormat"/> itself when <see cref="UseJsonSchema"/> is on.
    /// </summary>
    public ChatOptions? ChatOptions { get; init; }

    /// <summary>
    /// Whether to ask for structured output with a JSON schema (<see cref="ChatResponseFormat.ForJsonSchema(JsonElement, string?, string?)"/>).
    /// On by default; turn it off for providers or local models that do not support response formats.
    /// </summary>
    public bool UseJsonSchema { get; init; } = true;

    /// <summary>Whether an unusable answer is answered with one request to correct it (on by default).</summary>
    public bool ReaskOnProblems { get; init; } = true;

    /// <summary>The most characters shown of any one value in a prompt (longer values are cut with a note).</summary>
    public int MaxValueLength { get; init; } = 500;

    /// <summary>The most characters shown of the source of a code parameter.</summary>
    public int MaxCodeLength { get; init; } = 20_000;

    /// <summary>The most characters shown of one feedback text.</summary>
    public int MaxFeedbackLength { get; init; } = 4_000;

    /// <summary>The serializer options used to read proposed values; <see cref="DefaultSerializerOptions"/> when null.</summary>
    public JsonSerializerOptions? SerializerOptions { get; init; }

    /// <summary>Checks the settings.</summary>
    /// <exception cref="ArgumentException">A setting is out of range.</exception>
    public virtual void Validate()
    {
        if (MaxValueLength < 8)
        {
            throw new ArgumentException($"{nameof(MaxValueLength)} must be at least 8 (got {MaxValueLength}).", nameof(MaxValueLength));
        }

        if (MaxCodeLength < 8)
        {
            throw new ArgumentException($"{nameof(MaxCodeLength)} must be at least 8 (got {MaxCodeLength}).", nameof(MaxCodeLength));
        }

        if (MaxFeedbackLength < 8)
        {
            throw new ArgumentException($"{nameof(MaxFeedbackLength)} must be at least 8 (got {MaxFeedbackLength}).", nameof(MaxFeedbackLength));
        }
    }

    private static JsonSerializerOptions CreateDefaultSerializerOptions()
    {
        var options = new JsonSerializerOptions(JsonSerializerDefaults.General);
        options.Converters.Add(new JsonStringEnumConverter());
        options.MakeReadOnly(populateMissingResolver: true);
        return options;
    }
}
