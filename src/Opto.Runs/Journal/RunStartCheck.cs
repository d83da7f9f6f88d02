using System.Text;
using Opto.Trainer.Runs;

namespace Opto.Runs.Journal;

/// <summary>Says how a <see cref="RunStart"/> differs from the run stored under the same key, so that a resume never mixes two runs.</summary>
internal static class RunStartCheck
{
    public static IReadOnlyList<string> Differences(
        RunStart start, string storedAlgorithm, string storedOptimizer, string storedSettingsJson, IReadOnlyList<ParameterSnapshot> storedInitial)
    {
        var differences = new List<string>();
        if (!string.Equals(start.Algorithm, storedAlgorithm, StringComparison.Ordinal))
        {
            differences.Add($"the algorithm is '{start.Algorithm}' but the stored run used '{storedAlgorithm}'");
        }

        if (!string.Equals(start.Optimizer, storedOptimizer, StringComparison.Ordinal))
        {
            differences.Add($"the optimizer is '{start.Optimizer}' but the stored run used '{storedOptimizer}'");
        }

        if (!JsonText.SameValue(start.SettingsJson, storedSettingsJson))
        {
            differences.Add($"the settings are {start.SettingsJson} but the stored run used {storedSettingsJson}");
        }

        var stored = storedInitial.ToDictionary(p => p.Name, StringComparer.Ordinal);
        var given = start.Parameters.ToDictionary(p => p.Name, StringComparer.Ordinal);
        foreach (var parameter in start.Parameters)
        {
            if (!stored.TryGetValue(parameter.Name, out var before))
            {
                differences.Add($"parameter '{parameter.Name}' is new (the stored run has no such parameter)");
            }
            else if (!string.Equals(parameter.TypeName, before.TypeName, StringComparison.Ordinal))
            {
                differences.Add($"parameter '{parameter.Name}' is a {parameter.TypeName} but was a {before.TypeName}");
            }
            else if (parameter.IsCode != before.IsCode)
            {
                differences.Add($"parameter '{parameter.Name}' {(parameter.IsCode ? "is now code" : "is no longer code")}");
            }
            else if (!JsonText.SameValue(parameter.ValueJson, before.ValueJson))
            {
                differences.Add($"parameter '{parameter.Name}' starts at {Shorten(parameter.ValueJson)} but the stored run started at {Shorten(before.ValueJson)}");
            }
        }

        foreach (var name in stored.Keys.Where(n => !given.ContainsKey(n)).Order(StringComparer.Ordinal))
        {
            differences.Add($"parameter '{name}' of the stored run is missing");
        }

        return differences;
    }

    public static string Describe(string runKey, IReadOnlyList<string> differences)
    {
        var text = new StringBuilder($"Cannot resume run '{runKey}': it differs from the run stored under that key:");
        foreach (var difference in differences)
        {
            text.Append("\n  - ").Append(difference);
        }

        text.Append("\nUse another run key for a new run, or open the journal with ExistingRunPolicy.Replace to start this key over.");
        return text.ToString();
    }

    private static string Shorten(string json) => json.Length <= 60 ? json : string.Concat(json.AsSpan(0, 57), "...");
}
