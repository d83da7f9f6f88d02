using System.Text.Json;
using Opto.Runs.CrashHost;
using Opto.Trainer.Runs;

namespace Opto.Runs.Tests;

public sealed class ExportTests : IDisposable
{
    private readonly TempDirectory _temp = new();
    private readonly RunStore _store;

    public ExportTests() => _store = RunStore.Open(_temp.File("runs.db"));

    public void Dispose()
    {
        _store.Dispose();
        _temp.Dispose();
    }

    [Fact]
    public async Task The_export_has_the_documented_shape_with_values_as_json()
    {
        var recorded = await TestRuns.DriveAsync(_store.OpenJournal(), 3, new RunEnd(RunStatus.Completed, 0.8, "ran 3 steps"));

        using var document = JsonDocument.Parse(_store.ExportJson(DeterministicDriver.RunKey));
        var root = document.RootElement;

        Assert.Equal(["format", "version", "run", "parameters", "steps"], root.EnumerateObject().Select(p => p.Name));
        Assert.Equal("opto-run", root.GetProperty("format").GetString());
        var run = root.GetProperty("run");
        Assert.Equal("Completed", run.GetProperty("status").GetString());
        Assert.Equal(7, run.GetProperty("settings").GetProperty("seed").GetInt32());
        Assert.Equal(["prompt", "temperature", "Route"], root.GetProperty("parameters").EnumerateArray().Select(p => p.GetProperty("name").GetString()));
        var temperature = root.GetProperty("parameters")[1].GetProperty("versions");
        Assert.Equal(4, temperature.GetArrayLength());
        Assert.Equal(JsonValueKind.Number, temperature[0].GetProperty("value").ValueKind);
        var step = root.GetProperty("steps")[2];
        Assert.Equal(recorded[2].Score, step.GetProperty("score").GetDouble());
        Assert.Equal("Answer briefly. Rule 3.", step.GetProperty("changes")[0].GetProperty("newValue").GetString());
        Assert.Equal(JsonValueKind.Array, step.GetProperty("llmCalls")[0].GetProperty("request").ValueKind);
        Assert.Equal(0.0003m, step.GetProperty("llmCalls")[0].GetProperty("cost").GetDecimal());
        Assert.True(step.TryGetProperty("completedAt", out _));
    }

    [Fact]
    public async Task Without_timings_two_identical_runs_export_to_the_same_text()
    {
        await TestRuns.DriveAsync(_store.OpenJournal(), 4, new RunEnd(RunStatus.Completed, 0.8, null));
        using var other = RunStore.Open(_temp.File("other.db"));
        await TestRuns.DriveAsync(other.OpenJournal(), 4, new RunEnd(RunStatus.Completed, 0.8, null));

        var options = new RunExportOptions { OmitTimings = true };
        var text = _store.ExportJson(DeterministicDriver.RunKey, options);

        Assert.Equal(text, other.ExportJson(DeterministicDriver.RunKey, options));
        Assert.DoesNotContain("completedAt", text);
        Assert.DoesNotContain("startedAt", text);
        Assert.DoesNotContain("latencyMs", text);
    }
}
