using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using Opto.Runs.Export;
using Opto.Runs.Queries;

namespace Opto.Runs;

/// <content>Export of a run as one JSON document.</content>
public sealed partial class RunStore
{
    private static readonly JsonWriterOptions ExportWriterOptions = new()
    {
        Indented = true,
        // Prompts and code are read by people: keep quotes, angle brackets and non-ASCII letters as they are.
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    /// <summary>
    /// Writes a run as indented JSON: <c>{ "format": "opto-run", "version": 1, "run": {…}, "parameters": [ { "name",
    /// "versions": [ … ] } ], "steps": [ … ] }</c>, in a deterministic order (README.md documents every field).
    /// </summary>
    /// <param name="runKey">The run's key.</param>
    /// <param name="destination">Where to write (UTF-8, no byte-order mark); left open.</param>
    /// <param name="options">What to leave out.</param>
    /// <exception cref="KeyNotFoundException">The store has no such run.</exception>
    public void ExportJson(string runKey, Stream destination, RunExportOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(destination);
        Read(connection =>
        {
            var run = RunReader.RequireRun(connection, runKey, Path);
            using var writer = new Utf8JsonWriter(destination, ExportWriterOptions);
            RunJsonWriter.Write(connection, run, writer, options ?? new RunExportOptions());
            return true;
        });
    }

    /// <summary>Returns a run as indented JSON, as <see cref="ExportJson(string, Stream, RunExportOptions?)"/> writes it.</summary>
    /// <param name="runKey">The run's key.</param>
    /// <param name="options">What to leave out.</param>
    /// <returns>The JSON text.</returns>
    /// <exception cref="KeyNotFoundException">The store has no such run.</exception>
    public string ExportJson(string runKey, RunExportOptions? options = null)
    {
        using var stream = new MemoryStream();
        ExportJson(runKey, stream, options);
        return Encoding.UTF8.GetString(stream.ToArray());
    }
}
