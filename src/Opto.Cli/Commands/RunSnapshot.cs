using Opto.Runs;

namespace Opto.Cli.Commands;

/// <summary>The runs of a store at one moment, to tell afterwards which ones a program added or changed.</summary>
internal static class RunSnapshot
{
    /// <summary>The store's runs by key; empty when the file does not exist yet.</summary>
    /// <exception cref="RunStoreException">The file exists but is not a run store.</exception>
    public static IReadOnlyDictionary<string, RunSummary> Read(string storePath)
    {
        var file = new FileInfo(storePath);
        if (!file.Exists || file.Length == 0)
        {
            return new Dictionary<string, RunSummary>();
        }

        using var store = StoreOption.OpenExisting(storePath);
        return store.ListRuns().ToDictionary(r => r.Key, StringComparer.Ordinal);
    }
}
