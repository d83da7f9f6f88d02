using Opto.Trainer.Runs;

namespace Opto.Runs;

/// <summary>Reads a stored status, which the store writes as the enum member's name.</summary>
internal static class RunStatusText
{
    public static RunStatus Parse(string text) =>
        Enum.TryParse<RunStatus>(text, ignoreCase: false, out var status)
            ? status
            : throw new RunStoreException($"The run store holds an unknown run status '{text}'.");
}
