using System.Buffers;
using System.Text;
using System.Text.Json;
using Opto.Trace;

namespace Opto.Trainer;

/// <summary>
/// The values of a set of parameters at one moment, as JSON text by key. JSON is the one form that can be compared,
/// written into a run's state and read back on resume, so candidates, beams and bandit arms are kept this way.
/// </summary>
internal sealed class ParameterValues
{
    private ParameterValues(IReadOnlyDictionary<string, string> json) => Json = json;

    public IReadOnlyDictionary<string, string> Json { get; }

    public static ParameterValues Capture(IReadOnlyList<IParameterNode> parameters, JsonSerializerOptions options)
    {
        var json = new Dictionary<string, string>(parameters.Count, StringComparer.Ordinal);
        foreach (var parameter in parameters)
        {
            json[parameter.Name] = Write(parameter, options);
        }

        return new ParameterValues(json);
    }

    public static ParameterValues FromJson(IReadOnlyDictionary<string, string> json) => new(new Dictionary<string, string>(json, StringComparer.Ordinal));

    public static string Write(IParameterNode parameter, JsonSerializerOptions options)
    {
        var buffer = new ArrayBufferWriter<byte>(64);
        using (var writer = new Utf8JsonWriter(buffer))
        {
            parameter.WriteValue(writer, options);
        }

        return Encoding.UTF8.GetString(buffer.WrittenSpan);
    }

    public bool SameAs(ParameterValues other)
    {
        foreach (var (name, json) in Json)
        {
            if (!other.Json.TryGetValue(name, out var otherJson) || !string.Equals(json, otherJson, StringComparison.Ordinal))
            {
                return false;
            }
        }

        return Json.Count == other.Json.Count;
    }

    /// <summary>Sets every parameter whose value differs (an unchanged one keeps its version).</summary>
    /// <exception cref="InvalidOperationException">A value cannot be read back or is refused by its parameter.</exception>
    public void ApplyTo(IReadOnlyList<IParameterNode> parameters, JsonSerializerOptions options)
    {
        foreach (var parameter in parameters)
        {
            if (!Json.TryGetValue(parameter.Name, out var json))
            {
                continue;
            }

            if (string.Equals(Write(parameter, options), json, StringComparison.Ordinal))
            {
                continue;
            }

            Set(parameter, json, options);
        }
    }

    public static void Set(IParameterNode parameter, string json, JsonSerializerOptions options)
    {
        using var document = JsonDocument.Parse(json);
        if (!parameter.TryReadValue(document.RootElement, options, out var value, out var reason))
        {
            throw new InvalidOperationException($"The saved value of parameter '{parameter.Name}' cannot be read back: {reason}.");
        }

        if (!parameter.TrySetBoxed(value, out reason))
        {
            throw new InvalidOperationException($"Parameter '{parameter.Name}' refused its saved value: {reason}.");
        }
    }

    /// <summary>The values read back as objects, for results.</summary>
    public IReadOnlyDictionary<string, object?> ToObjects(IReadOnlyList<IParameterNode> parameters, JsonSerializerOptions options)
    {
        var values = new Dictionary<string, object?>(StringComparer.Ordinal);
        foreach (var parameter in parameters)
        {
            if (Json.TryGetValue(parameter.Name, out var json))
            {
                using var document = JsonDocument.Parse(json);
                values[parameter.Name] = parameter.TryReadValue(document.RootElement, options, out var value, out _) ? value : null;
            }
        }

        return values;
    }
}
