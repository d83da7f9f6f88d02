using System.Globalization;
using System.Text.Json;
using Opto.Trace;

namespace Opto.Optimizers;

/// <summary>
/// Turns a proposed JSON value into a value of the parameter's type, checked against its constraints, through
/// <see cref="IParameterNode.TryReadValue"/>. A string that holds JSON is read as that JSON when the parameter
/// is not text ("0.5" → 0.5, "False" → false, "[3, 4]" → a list). Nothing is rounded or guessed: a fraction
/// for an integer parameter is refused with a reason.
/// </summary>
public static class ValueConverter
{
    /// <summary>Converts a proposed value for a parameter.</summary>
    /// <param name="parameter">The parameter the value is for.</param>
    /// <param name="proposed">The proposed value.</param>
    /// <param name="options">Serializer options; <see cref="OptimizerOptions.DefaultSerializerOptions"/> when null.</param>
    /// <param name="value">The converted value.</param>
    /// <param name="reason">Why the value does not fit, in words an LLM can act on.</param>
    /// <returns>Whether the value fits the parameter.</returns>
    public static bool TryConvert(IParameterNode parameter, JsonElement proposed, JsonSerializerOptions? options, out object? value, out string? reason)
    {
        ArgumentNullException.ThrowIfNull(parameter);
        options ??= OptimizerOptions.DefaultSerializerOptions;
        value = null;
        var type = parameter.ValueType;
        var typeName = TypeNames.Friendly(type);

        if (proposed.ValueKind == JsonValueKind.Null)
        {
            if (Nullable.GetUnderlyingType(type) is null)
            {
                reason = $"null is not a value for {parameter.Name} ({typeName}); give a {typeName}";
                return false;
            }

            return TryRead(parameter, proposed, options, out value, out reason);
        }

        if (type == typeof(string))
        {
            return TryConvertText(parameter, proposed, options, out value, out reason);
        }

        // The value as given first (a string is right for enums, dates, Guids); then a string's contents as JSON.
        var candidate = proposed;
        if (proposed.ValueKind == JsonValueKind.String && !TryRead(parameter, proposed, options, out _, out _)
            && LenientJsonReader.ReadWhole(proposed.GetString()!) is { } inner)
        {
            candidate = inner.ToElement();
        }

        if (IsInteger(type) && candidate.ValueKind == JsonValueKind.Number)
        {
            if (!TryWholeNumber(candidate, out var whole))
            {
                reason = $"{candidate.GetRawText()} is not a whole number, but {parameter.Name} is of type {typeName}; give a whole number (values are not rounded)";
                return false;
            }

            candidate = whole;
        }

        return TryRead(parameter, candidate, options, out value, out reason);
    }

    private static bool TryConvertText(IParameterNode parameter, JsonElement proposed, JsonSerializerOptions options, out object? value, out string? reason)
    {
        value = null;
        string text;
        switch (proposed.ValueKind)
        {
            case JsonValueKind.String:
                text = proposed.GetString()!;
                break;
            case JsonValueKind.Number or JsonValueKind.True or JsonValueKind.False:
                text = proposed.GetRawText(); // 5 for a text parameter means "5"
                break;
            default:
                reason = $"{parameter.Name} is text, but the proposed value is {Describe(proposed)}; give a JSON string";
                return false;
        }

        if (parameter.IsCode)
        {
            text = StripFence(text);
            if (string.IsNullOrWhiteSpace(text))
            {
                reason = $"the new code for {parameter.Name} is empty";
                return false;
            }
        }

        return TryRead(parameter, JsonSerializer.SerializeToElement(text, options), options, out value, out reason);
    }

    private static bool TryRead(IParameterNode parameter, JsonElement element, JsonSerializerOptions options, out object? value, out string? reason)
    {
        if (!parameter.TryReadValue(element, options, out value, out _))
        {
            reason = $"{Show(element)} is not a valid {TypeNames.Friendly(parameter.ValueType)} for {parameter.Name}";
            return false;
        }

        if (parameter.Constraints.Check(value) is { } broken)
        {
            value = null;
            reason = $"{Show(element)} breaks the constraints of {parameter.Name}: {broken}";
            return false;
        }

        reason = null;
        return true;
    }

    private static bool TryWholeNumber(JsonElement number, out JsonElement whole)
    {
        whole = number;
        if (number.TryGetInt64(out _) || number.TryGetUInt64(out _))
        {
            return true;
        }

        // 7.0 and 7e2 are whole; rewrite them as plain integers so the integer reader takes them.
        if (number.TryGetDecimal(out var d) && d == decimal.Truncate(d))
        {
            using var document = JsonDocument.Parse(decimal.Truncate(d).ToString("0", CultureInfo.InvariantCulture));
            whole = document.RootElement.Clone();
            return true;
        }

        // Whole but beyond decimal: let the type's own reader say it is out of range.
        return number.TryGetDouble(out var x) && double.IsFinite(x) && Math.Floor(x) == x;
    }

    private static bool IsInteger(Type type)
    {
        type = Nullable.GetUnderlyingType(type) ?? type;
        return !type.IsEnum && Type.GetTypeCode(type) is TypeCode.Byte or TypeCode.SByte or TypeCode.Int16 or TypeCode.UInt16
            or TypeCode.Int32 or TypeCode.UInt32 or TypeCode.Int64 or TypeCode.UInt64;
    }

    /// <summary>Models often wrap code in a Markdown fence even inside a JSON string.</summary>
    private static string StripFence(string code)
    {
        var trimmed = code.Trim();
        if (!trimmed.StartsWith("```", StringComparison.Ordinal) || !trimmed.EndsWith("```", StringComparison.Ordinal) || trimmed.Length < 6)
        {
            return code;
        }

        var firstLineEnd = trimmed.IndexOf('\n', StringComparison.Ordinal);
        if (firstLineEnd < 0)
        {
            return code;
        }

        return trimmed[(firstLineEnd + 1)..^3].TrimEnd('\r', '\n');
    }

    private static string Show(JsonElement element)
    {
        var text = element.ValueKind == JsonValueKind.String ? "\"" + element.GetString() + "\"" : element.GetRawText();
        return ValueFormatter.Format(text, 80);
    }

    private static string Describe(JsonElement element) => element.ValueKind switch
    {
        JsonValueKind.Array => "an array",
        JsonValueKind.Object => "an object",
        _ => element.ValueKind.ToString().ToLowerInvariant(),
    };
}
