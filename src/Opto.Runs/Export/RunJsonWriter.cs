using System.Text.Json;
using Microsoft.Data.Sqlite;
using Opto.Runs.Queries;

namespace Opto.Runs.Export;

/// <summary>
/// Writes a run as one JSON document (shape in README.md): properties in a fixed order, parameters in declaration
/// order, steps by number, rows in the order they were recorded. The same store content always gives the same text.
/// </summary>
internal static class RunJsonWriter
{
    /// <summary>The value of the document's "format" field.</summary>
    public const string Format = "opto-run";

    /// <summary>The version of the document's shape.</summary>
    public const int Version = 1;

    public static void Write(SqliteConnection connection, RunRow run, Utf8JsonWriter writer, RunExportOptions options)
    {
        writer.WriteStartObject();
        writer.WriteString("format", Format);
        writer.WriteNumber("version", Version);
        WriteRun(run, writer, options);
        WriteParameters(connection, run, writer);
        WriteSteps(connection, run, writer, options);
        writer.WriteEndObject();
    }

    private static void WriteRun(RunRow run, Utf8JsonWriter writer, RunExportOptions options)
    {
        var summary = run.Summary;
        writer.WriteStartObject("run");
        writer.WriteString("key", summary.Key);
        writer.WriteString("algorithm", summary.Algorithm);
        writer.WriteString("optimizer", summary.Optimizer);
        writer.WriteString("status", summary.Status.ToString());
        if (!options.OmitTimings)
        {
            writer.WriteString("startedAt", Timestamps.Write(summary.StartedAt));
            WriteNullableString(writer, "endedAt", summary.EndedAt is { } ended ? Timestamps.Write(ended) : null);
        }

        writer.WriteNumber("steps", summary.Steps);
        WriteNumber(writer, "bestScore", summary.BestScore);
        WriteNullableString(writer, "endMessage", run.EndMessage);
        WriteJson(writer, "settings", run.SettingsJson);
        writer.WriteEndObject();
    }

    private static void WriteParameters(SqliteConnection connection, RunRow run, Utf8JsonWriter writer)
    {
        writer.WriteStartArray("parameters");
        foreach (var (name, versions) in RunReader.Versions(connection, run.Id))
        {
            writer.WriteStartObject();
            writer.WriteString("name", name);
            writer.WriteStartArray("versions");
            foreach (var version in versions)
            {
                writer.WriteStartObject();
                writer.WriteNumber("step", version.Step);
                writer.WriteNumber("version", version.Version);
                writer.WriteString("type", version.TypeName);
                writer.WriteBoolean("isCode", version.IsCode);
                WriteJson(writer, "value", version.ValueJson);
                WriteNullableString(writer, "feedback", version.Feedback);
                WriteNullableString(writer, "reason", version.Reason);
                writer.WriteEndObject();
            }

            writer.WriteEndArray();
            writer.WriteEndObject();
        }

        writer.WriteEndArray();
    }

    private static void WriteSteps(SqliteConnection connection, RunRow run, Utf8JsonWriter writer, RunExportOptions options)
    {
        writer.WriteStartArray("steps");
        foreach (var (stepId, stateJson, step) in RunReader.Steps(connection, run.Id))
        {
            writer.WriteStartObject();
            writer.WriteNumber("number", step.Number);
            WriteNumber(writer, "score", step.Score);
            WriteNumber(writer, "validationScore", step.ValidationScore);
            if (!options.OmitTimings)
            {
                writer.WriteString("completedAt", Timestamps.Write(step.CompletedAt));
                writer.WriteNumber("durationMs", step.Duration.TotalMilliseconds);
            }

            WriteNullableString(writer, "note", step.Note);
            WriteJson(writer, "state", stateJson);
            writer.WriteStartArray("changes");
            foreach (var change in step.Changes)
            {
                writer.WriteStartObject();
                writer.WriteString("name", change.Name);
                WriteJson(writer, "oldValue", change.OldValueJson);
                WriteJson(writer, "newValue", change.NewValueJson);
                WriteNullableString(writer, "feedback", change.Feedback);
                WriteNullableString(writer, "reason", change.Reason);
                writer.WriteEndObject();
            }

            writer.WriteEndArray();
            WriteExamples(connection, stepId, writer);
            WriteLlmCalls(connection, stepId, writer, options);
            WriteNullableString(writer, "graphDot", RunReader.Graph(connection, stepId));
            writer.WriteEndObject();
        }

        writer.WriteEndArray();
    }

    private static void WriteExamples(SqliteConnection connection, long stepId, Utf8JsonWriter writer)
    {
        writer.WriteStartArray("examples");
        foreach (var example in RunReader.Examples(connection, stepId))
        {
            writer.WriteStartObject();
            writer.WriteString("id", example.ExampleId);
            WriteNumber(writer, "score", example.Score);
            WriteNullableString(writer, "feedback", example.Feedback);
            WriteNullableString(writer, "error", example.Error);
            writer.WriteEndObject();
        }

        writer.WriteEndArray();
    }

    private static void WriteLlmCalls(SqliteConnection connection, long stepId, Utf8JsonWriter writer, RunExportOptions options)
    {
        writer.WriteStartArray("llmCalls");
        foreach (var call in RunReader.LlmCalls(connection, stepId))
        {
            writer.WriteStartObject();
            writer.WriteString("purpose", call.Purpose);
            WriteNullableString(writer, "model", call.Model);
            WriteNumber(writer, "inputTokens", call.InputTokens);
            WriteNumber(writer, "outputTokens", call.OutputTokens);
            if (!options.OmitTimings)
            {
                WriteNumber(writer, "latencyMs", call.Latency?.TotalMilliseconds);
            }

            if (call.Cost is { } cost)
            {
                writer.WriteNumber("cost", cost);
            }
            else
            {
                writer.WriteNull("cost");
            }

            WriteNullableString(writer, "cassetteKey", call.CassetteKey);
            if (call.RequestJson is { } request)
            {
                WriteJson(writer, "request", request);
            }
            else
            {
                writer.WriteNull("request");
            }

            WriteNullableString(writer, "response", call.Response);
            writer.WriteEndObject();
        }

        writer.WriteEndArray();
    }

    /// <summary>Writes stored JSON as JSON (re-indented with the document); text that is not JSON is written as a string.</summary>
    private static void WriteJson(Utf8JsonWriter writer, string name, string json)
    {
        writer.WritePropertyName(name);
        try
        {
            using var document = JsonDocument.Parse(json);
            document.RootElement.WriteTo(writer);
        }
        catch (JsonException)
        {
            writer.WriteStringValue(json);
        }
    }

    private static void WriteNullableString(Utf8JsonWriter writer, string name, string? value)
    {
        if (value is null)
        {
            writer.WriteNull(name);
        }
        else
        {
            writer.WriteString(name, value);
        }
    }

    private static void WriteNumber(Utf8JsonWriter writer, string name, double? value)
    {
        if (value is not { } number)
        {
            writer.WriteNull(name);
        }
        else if (double.IsFinite(number))
        {
            writer.WriteNumber(name, number);
        }
        else
        {
            // JSON has no NaN or infinity; a guide that returned one still shows what it returned.
            writer.WriteString(name, number.ToString(System.Globalization.CultureInfo.InvariantCulture));
        }
    }

    private static void WriteNumber(Utf8JsonWriter writer, string name, long? value)
    {
        if (value is { } number)
        {
            writer.WriteNumber(name, number);
        }
        else
        {
            writer.WriteNull(name);
        }
    }
}
