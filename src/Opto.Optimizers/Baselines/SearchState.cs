using System.Text.Json;
using System.Text.Json.Serialization;

namespace Opto.Optimizers.Baselines;

/// <summary>
/// What <see cref="ParameterSearch.SaveState"/> writes. The search is rebuilt by replaying the trials from the seed
/// and the initial values, so the state needs no engine internals; the random state is kept to check the replay.
/// </summary>
internal sealed record SearchState
{
    public const string CurrentFormat = "opto-search-state/1";

    public required string Format { get; init; }

    public required string Search { get; init; }

    public required string Settings { get; init; }

    public required IReadOnlyList<SearchStateParameter> Parameters { get; init; }

    public required long Seed { get; init; }

    public required string Random { get; init; }

    public required Dictionary<string, JsonElement> Origin { get; init; }

    public required IReadOnlyList<SearchStateTrial> Trials { get; init; }

    public Dictionary<string, JsonElement>? Pending { get; init; }

    /// <summary>How the state file itself is written: readable, with NaN and infinite scores allowed.</summary>
    public static JsonSerializerOptions FileOptions { get; } = new(JsonSerializerDefaults.Web)
    {
        WriteIndented = true,
        NumberHandling = JsonNumberHandling.AllowNamedFloatingPointLiterals,
    };

    /// <summary>How parameter values are written inside it: enums by name, so a reader sees the choice.</summary>
    public static JsonSerializerOptions ValueOptions { get; } = new()
    {
        Converters = { new JsonStringEnumConverter() },
    };
}

/// <summary>A searched parameter as the state remembers it, to tell whether a state fits a search.</summary>
/// <param name="Name">The key.</param>
/// <param name="Type">The value type.</param>
/// <param name="Space">What is searched: the range or the choices.</param>
internal sealed record SearchStateParameter(string Name, string Type, string Space)
{
    public override string ToString() => $"{Name} ({Type}, {Space})";
}

/// <summary>One reported candidate.</summary>
/// <param name="Values">The values by key.</param>
/// <param name="Score">The score as reported (NaN and infinities included).</param>
internal sealed record SearchStateTrial(Dictionary<string, JsonElement> Values, double Score);
