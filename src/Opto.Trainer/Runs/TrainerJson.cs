using System.Text.Json.Serialization;

namespace Opto.Trainer.Runs;

/// <summary>Source-generated serialization of the run state (no reflection, trimming-safe). NaN scores are written as "NaN".</summary>
[JsonSourceGenerationOptions(NumberHandling = JsonNumberHandling.AllowNamedFloatingPointLiterals, PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase)]
[JsonSerializable(typeof(RunState))]
[JsonSerializable(typeof(SearchState))]
[JsonSerializable(typeof(BeamState))]
[JsonSerializable(typeof(UcbState))]
internal sealed partial class TrainerJson : JsonSerializerContext;
