using System.Text.Json;

namespace Opto.Optimizers;

/// <summary>One entry of an answer's suggestion: a name and the value proposed for it.</summary>
/// <param name="Name">The name as the answer wrote it.</param>
/// <param name="Value">The value as strict JSON, or <see langword="null"/> when the answer was cut off inside it.</param>
/// <param name="Text">The value as the answer wrote it (for strings: their contents), for records and messages.</param>
public sealed record ProposedValue(string Name, JsonElement? Value, string Text)
{
    /// <summary>Whether the value was read in full.</summary>
    public bool IsComplete => Value is not null;
}
