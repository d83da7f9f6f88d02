using System.Text;
using System.Text.Json;

namespace Opto.Trace;

/// <summary>What to do with a key that is in the model but not in the file, or in the file but not in the model.</summary>
public enum KeyMismatchHandling
{
    /// <summary>Refuse the whole load; nothing is changed.</summary>
    Error,

    /// <summary>Load the rest and report the key in <see cref="ParameterLoadResult.Warnings"/>.</summary>
    Warn,
}

/// <summary>How strict <see cref="ParameterFile.Load(IEnumerable{IParameterNode}, string, ParameterLoadOptions?)"/> is.</summary>
public sealed record ParameterLoadOptions
{
    /// <summary>A parameter of the model that the file lacks. Default: an error.</summary>
    public KeyMismatchHandling MissingKey { get; init; } = KeyMismatchHandling.Error;

    /// <summary>A key in the file that no parameter has (e.g. one renamed or removed). Default: a warning.</summary>
    public KeyMismatchHandling UnknownKey { get; init; } = KeyMismatchHandling.Warn;

    /// <summary>Options for reading values.</summary>
    public JsonSerializerOptions? Json { get; init; }
}

/// <summary>The outcome of a load.</summary>
/// <param name="Loaded">The keys whose values were set.</param>
/// <param name="Warnings">Keys that did not match, when the options allowed it.</param>
public sealed record ParameterLoadResult(IReadOnlyList<string> Loaded, IReadOnlyList<string> Warnings);

/// <summary>Thrown when a parameter file cannot be applied; no parameter is changed when it is thrown.</summary>
public sealed class ParameterLoadException : Exception
{
    /// <summary>Creates the exception.</summary>
    /// <param name="message">What is wrong.</param>
    public ParameterLoadException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception.</summary>
    /// <param name="message">What is wrong.</param>
    /// <param name="innerException">The cause.</param>
    public ParameterLoadException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    /// <summary>Creates the exception.</summary>
    public ParameterLoadException()
    {
    }
}

/// <summary>
/// Saves and loads parameter values as versioned JSON keyed by the parameters' stable names:
/// <c>{ "format": "opto-parameters", "version": 1, "parameters": { "key": { "type": "double", "value": 0.7 } } }</c>.
/// A load checks every key, type and constraint before it changes anything.
/// </summary>
public static class ParameterFile
{
    /// <summary>The value of the file's "format" field.</summary>
    public const string Format = "opto-parameters";

    /// <summary>The newest file version this library writes and reads.</summary>
    public const int CurrentVersion = 1;

    private static readonly JsonSerializerOptions DefaultJson = new() { WriteIndented = true };

    /// <summary>Writes the values to a file, atomically (a crash leaves the old file or the new one, never half).</summary>
    /// <param name="parameters">The parameters.</param>
    /// <param name="path">The file.</param>
    /// <param name="json">Options for writing values.</param>
    public static void Save(IEnumerable<IParameterNode> parameters, string path, JsonSerializerOptions? json = null)
    {
        ArgumentNullException.ThrowIfNull(parameters);
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        var full = Path.GetFullPath(path);
        Directory.CreateDirectory(Path.GetDirectoryName(full)!);
        var temp = full + ".tmp";
        using (var stream = File.Create(temp))
        {
            Save(parameters, stream, json);
        }

        File.Move(temp, full, overwrite: true);
    }

    /// <summary>Writes the values to a stream.</summary>
    /// <param name="parameters">The parameters.</param>
    /// <param name="stream">Where to write.</param>
    /// <param name="json">Options for writing values.</param>
    public static void Save(IEnumerable<IParameterNode> parameters, Stream stream, JsonSerializerOptions? json = null)
    {
        ArgumentNullException.ThrowIfNull(parameters);
        ArgumentNullException.ThrowIfNull(stream);
        var collection = parameters as ParameterCollection ?? new ParameterCollection(parameters);
        json ??= DefaultJson;
        using var writer = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = true });
        writer.WriteStartObject();
        writer.WriteString("format", Format);
        writer.WriteNumber("version", CurrentVersion);
        writer.WriteStartObject("parameters");
        foreach (var parameter in collection)
        {
            writer.WriteStartObject(parameter.Name);
            writer.WriteString("type", TypeNames.Friendly(parameter.ValueType));
            writer.WritePropertyName("value");
            parameter.WriteValue(writer, json);
            writer.WriteEndObject();
        }

        writer.WriteEndObject();
        writer.WriteEndObject();
    }

    /// <summary>Reads values from a file into the parameters.</summary>
    /// <param name="parameters">The parameters to set.</param>
    /// <param name="path">The file.</param>
    /// <param name="options">How strict to be.</param>
    /// <returns>What was loaded, and warnings.</returns>
    /// <exception cref="ParameterLoadException">The file is not a parameter file, or a key, type or constraint does not fit.</exception>
    public static ParameterLoadResult Load(IEnumerable<IParameterNode> parameters, string path, ParameterLoadOptions? options = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        if (!File.Exists(path))
        {
            throw new ParameterLoadException($"There is no parameter file at '{path}'.");
        }

        using var stream = File.OpenRead(path);
        return Load(parameters, stream, options, path);
    }

    /// <summary>Reads values from a stream into the parameters.</summary>
    /// <param name="parameters">The parameters to set.</param>
    /// <param name="stream">The JSON.</param>
    /// <param name="options">How strict to be.</param>
    /// <returns>What was loaded, and warnings.</returns>
    /// <exception cref="ParameterLoadException">The JSON is not a parameter file, or a key, type or constraint does not fit.</exception>
    public static ParameterLoadResult Load(IEnumerable<IParameterNode> parameters, Stream stream, ParameterLoadOptions? options = null) =>
        Load(parameters, stream, options, "the stream");

    private static ParameterLoadResult Load(IEnumerable<IParameterNode> parameters, Stream stream, ParameterLoadOptions? options, string source)
    {
        ArgumentNullException.ThrowIfNull(parameters);
        ArgumentNullException.ThrowIfNull(stream);
        options ??= new ParameterLoadOptions();
        var json = options.Json ?? DefaultJson;
        var collection = parameters as ParameterCollection ?? new ParameterCollection(parameters);

        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(stream);
        }
        catch (JsonException ex)
        {
            throw new ParameterLoadException($"{source} is not valid JSON: {ex.Message}", ex);
        }

        using (document)
        {
            var stored = ReadHeader(document.RootElement, source);
            var problems = new List<string>();
            var warnings = new List<string>();
            var pending = new List<(IParameterNode Parameter, object? Value)>();

            foreach (var parameter in collection)
            {
                if (!stored.TryGetValue(parameter.Name, out var entry))
                {
                    Mismatch(options.MissingKey, $"'{parameter.Name}' is a parameter of the model but is missing from {source}", problems, warnings);
                    continue;
                }

                if (entry.ValueKind != JsonValueKind.Object || !entry.TryGetProperty("value", out var valueElement))
                {
                    problems.Add($"'{parameter.Name}' in {source} has no \"value\"");
                    continue;
                }

                if (!parameter.TryReadValue(valueElement, json, out var value, out var error))
                {
                    problems.Add($"'{parameter.Name}' expects {TypeNames.Friendly(parameter.ValueType)}: the file {error}");
                }
                else if (parameter.Constraints.Check(value) is { } broken)
                {
                    problems.Add($"'{parameter.Name}': the stored value breaks its constraints: {broken}");
                }
                else
                {
                    pending.Add((parameter, value));
                }
            }

            foreach (var key in stored.Keys.Where(k => !collection.TryGet(k, out _)))
            {
                Mismatch(options.UnknownKey, $"'{key}' is in {source} but no parameter of the model has that key", problems, warnings);
            }

            if (problems.Count > 0)
            {
                var text = new StringBuilder($"Cannot load parameters from {source}; nothing was changed:");
                foreach (var problem in problems)
                {
                    text.Append("\n  - ").Append(problem);
                }

                throw new ParameterLoadException(text.ToString());
            }

            foreach (var (parameter, value) in pending)
            {
                if (!parameter.TrySetBoxed(value, out var error))
                {
                    // TryReadValue already checked type and constraints; this would be a parameter type's own bug.
                    throw new ParameterLoadException($"'{parameter.Name}' refused its stored value: {error}");
                }
            }

            return new ParameterLoadResult([.. pending.Select(p => p.Parameter.Name)], warnings);
        }
    }

    private static Dictionary<string, JsonElement> ReadHeader(JsonElement root, string source)
    {
        if (root.ValueKind != JsonValueKind.Object
            || !root.TryGetProperty("format", out var format) || format.ValueKind != JsonValueKind.String || format.GetString() != Format)
        {
            throw new ParameterLoadException($"{source} is not an Opto parameter file (its \"format\" is not \"{Format}\").");
        }

        if (!root.TryGetProperty("version", out var version) || !version.TryGetInt32(out var v))
        {
            throw new ParameterLoadException($"{source} has no version number.");
        }

        if (v > CurrentVersion || v < 1)
        {
            throw new ParameterLoadException($"{source} has version {v}; this library reads versions 1 to {CurrentVersion}.");
        }

        if (!root.TryGetProperty("parameters", out var parameters) || parameters.ValueKind != JsonValueKind.Object)
        {
            throw new ParameterLoadException($"{source} has no \"parameters\" object.");
        }

        var stored = new Dictionary<string, JsonElement>(StringComparer.Ordinal);
        foreach (var property in parameters.EnumerateObject())
        {
            if (!stored.TryAdd(property.Name, property.Value))
            {
                throw new ParameterLoadException($"{source} lists parameter '{property.Name}' twice.");
            }
        }

        return stored;
    }

    private static void Mismatch(KeyMismatchHandling handling, string message, List<string> problems, List<string> warnings)
    {
        if (handling == KeyMismatchHandling.Error)
        {
            problems.Add(message);
        }
        else
        {
            warnings.Add(message);
        }
    }
}
