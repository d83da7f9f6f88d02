using System.Buffers;
using System.Collections;
using System.Text.Json;
using Opto.Trace;

namespace Opto.Optimizers;

/// <summary>
/// The JSON schema of an answer for structured output: <c>{"reasoning": string, "suggestion": {name: value}}</c>,
/// with each variable typed from its parameter (and its range or choices when it has them).
/// </summary>
internal static class SuggestionSchema
{
    public const string Name = "optimizer_suggestion";
    public const string Description = "New values for the variables, with the reasoning behind them.";

    public static JsonElement Build(IEnumerable<KeyValuePair<string, IParameterNode>> variables, JsonSerializerOptions options)
    {
        var buffer = new ArrayBufferWriter<byte>();
        using (var w = new Utf8JsonWriter(buffer))
        {
            w.WriteStartObject();
            w.WriteString("type", "object");
            w.WriteStartObject("properties");
            w.WriteStartObject("reasoning");
            w.WriteString("type", "string");
            w.WriteEndObject();
            w.WriteStartObject("suggestion");
            w.WriteString("type", "object");
            w.WriteStartObject("properties");
            foreach (var (name, parameter) in variables)
            {
                w.WriteStartObject(name);
                WriteType(w, parameter, options);
                w.WriteEndObject();
            }

            w.WriteEndObject();
            w.WriteBoolean("additionalProperties", false);
            w.WriteEndObject();
            w.WriteEndObject();
            w.WriteStartArray("required");
            w.WriteStringValue("reasoning");
            w.WriteStringValue("suggestion");
            w.WriteEndArray();
            w.WriteBoolean("additionalProperties", false);
            w.WriteEndObject();
        }

        using var document = JsonDocument.Parse(buffer.WrittenMemory);
        return document.RootElement.Clone();
    }

    public static JsonElement BuildJudge()
    {
        using var document = JsonDocument.Parse("""
            {"type":"object","properties":{"reasoning":{"type":"string"},"choice":{"type":"integer"}},"required":["reasoning","choice"],"additionalProperties":false}
            """);
        return document.RootElement.Clone();
    }

    private static void WriteType(Utf8JsonWriter w, IParameterNode parameter, JsonSerializerOptions options)
    {
        if (!string.IsNullOrWhiteSpace(parameter.Description))
        {
            w.WriteString("description", parameter.Description);
        }

        var type = Nullable.GetUnderlyingType(parameter.ValueType) ?? parameter.ValueType;
        var json = JsonType(type);
        if (json is not null)
        {
            w.WriteString("type", json);
        }

        if (type.IsEnum)
        {
            w.WriteStartArray("enum");
            foreach (var name in Enum.GetNames(type))
            {
                w.WriteStringValue(name);
            }

            w.WriteEndArray();
        }

        var constraints = parameter.Constraints;
        if (json is "number" or "integer")
        {
            if (constraints.Minimum is { } min)
            {
                w.WriteNumber("minimum", min);
            }

            if (constraints.Maximum is { } max)
            {
                w.WriteNumber("maximum", max);
            }
        }

        if (constraints.AllowedValues is { Count: > 0 } allowed && !type.IsEnum)
        {
            w.WriteStartArray("enum");
            foreach (var value in allowed)
            {
                JsonSerializer.Serialize(w, value, value?.GetType() ?? typeof(object), options);
            }

            w.WriteEndArray();
        }
    }

    private static string? JsonType(Type type)
    {
        if (type.IsEnum)
        {
            return "string";
        }

        switch (Type.GetTypeCode(type))
        {
            case TypeCode.Boolean:
                return "boolean";
            case TypeCode.Byte or TypeCode.SByte or TypeCode.Int16 or TypeCode.UInt16 or TypeCode.Int32 or TypeCode.UInt32 or TypeCode.Int64 or TypeCode.UInt64:
                return "integer";
            case TypeCode.Single or TypeCode.Double or TypeCode.Decimal:
                return "number";
            case TypeCode.String or TypeCode.Char:
                return "string";
        }

        if (typeof(IDictionary).IsAssignableFrom(type) || type.GetInterfaces().Any(IsDictionaryInterface) || IsDictionaryInterface(type))
        {
            return "object";
        }

        return typeof(IEnumerable).IsAssignableFrom(type) ? "array" : null;
    }

    private static bool IsDictionaryInterface(Type type) =>
        type.IsGenericType && (type.GetGenericTypeDefinition() == typeof(IDictionary<,>) || type.GetGenericTypeDefinition() == typeof(IReadOnlyDictionary<,>));
}
