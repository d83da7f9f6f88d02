using System.Globalization;
using System.Text.Json;
using Opto.Trainer.Runs;

namespace Opto.Runs.CrashHost;

/// <summary>
/// A stand-in for the trainer: each step's parameters, scores and calls follow from the previous step's parameters and
/// the state written with it, so a resume that restored anything wrongly produces a different store.
/// </summary>
internal static class DeterministicDriver
{
    public const string RunKey = "crash-test";

    public static RunStart Start() => new()
    {
        RunKey = RunKey,
        Algorithm = "minibatch",
        Optimizer = "DeterministicDriver",
        SettingsJson = """{"seed":7,"batchSize":3}""",
        Parameters =
        [
            new ParameterSnapshot("prompt", "string", JsonSerializer.Serialize("Answer briefly."), 0, false),
            new ParameterSnapshot("temperature", "double", "0.7", 0, false),
            new ParameterSnapshot("Route", "string", JsonSerializer.Serialize("return \"support\";"), 0, true),
        ],
    };

    public static DriverState InitialState() => new(Rng: 0x9E3779B97F4A7C15UL, Best: -1);

    public static (StepRecord Record, DriverState State) Step(int number, IReadOnlyList<ParameterSnapshot> before, DriverState state)
    {
        var rng = state.Rng;
        double Next()
        {
            rng = SplitMix(rng);
            return (rng >> 11) * (1.0 / (1UL << 53));
        }

        var parameters = before.ToDictionary(p => p.Name, StringComparer.Ordinal);
        var temperature = double.Parse(parameters["temperature"].ValueJson, CultureInfo.InvariantCulture);
        var newTemperature = Math.Round(Math.Clamp(temperature + (Next() - 0.5) * 0.2, 0, 1.5), 6);
        var proposals = new Dictionary<string, (string ValueJson, string Feedback, string Reason)>(StringComparer.Ordinal)
        {
            ["temperature"] = (newTemperature.ToString("R", CultureInfo.InvariantCulture),
                $"step {number}: the answers were {(newTemperature > temperature ? "too rigid" : "too loose")}", "moved the temperature by the gradient estimate"),
        };
        if (number % 3 == 0)
        {
            proposals["prompt"] = (JsonSerializer.Serialize(JsonSerializer.Deserialize<string>(parameters["prompt"].ValueJson) + $" Rule {number}."),
                "the answers ignored the format", "added a rule");
        }

        if (number % 5 == 0)
        {
            proposals["Route"] = (JsonSerializer.Serialize($"return ticket.Length > {number} ? \"billing\" : \"support\";"), "misrouted a refund", "rewrote the routing rule");
        }

        // Parameters and changes keep the declaration order, as a trainer's snapshot does.
        var changes = new List<ParameterChange>();
        var after = new List<ParameterSnapshot>();
        foreach (var parameter in before)
        {
            if (proposals.TryGetValue(parameter.Name, out var proposal))
            {
                changes.Add(new ParameterChange(parameter.Name, parameter.ValueJson, proposal.ValueJson, proposal.Feedback, proposal.Reason));
                after.Add(parameter with { ValueJson = proposal.ValueJson, Version = parameter.Version + 1 });
            }
            else
            {
                after.Add(parameter);
            }
        }

        var examples = Enumerable.Range(0, 3)
            .Select(i => new ExampleScore($"ex{(number * 3 + i) % 10}", Math.Round(1 - Math.Abs(newTemperature - 0.3) - Next() * 0.1, 6),
                i == 0 ? "too long" : null, i == 2 && number % 4 == 0 ? "TimeoutException: the workflow took too long" : null))
            .ToList();
        var score = Math.Round(examples.Average(e => e.Score), 6);
        var validation = number % 2 == 0 ? Math.Round(score - 0.01, 6) : (double?)null;
        var outputTokens = 20 + (long)(Next() * 10);
        var next = new DriverState(rng, Math.Max(state.Best, score));

        var record = new StepRecord
        {
            Number = number,
            Score = score,
            ValidationScore = validation,
            Examples = examples,
            Parameters = after,
            Changes = changes,
            LlmCalls =
            [
                new LlmCallRecord
                {
                    Purpose = "propose",
                    Model = "scripted",
                    InputTokens = 100 + number,
                    OutputTokens = outputTokens,
                    Latency = TimeSpan.FromMilliseconds(5),
                    Cost = 0.0001m * number,
                    CassetteKey = $"step-{number}",
                    RequestJson = $$"""[{"role":"user","content":"step {{number}}"}]""",
                    Response = $"set temperature to {newTemperature.ToString(CultureInfo.InvariantCulture)}",
                },
            ],
            GraphDot = number % 2 == 1 ? $"digraph step{number} {{ temperature -> answer{number}; }}" : null,
            StateJson = JsonSerializer.Serialize(next),
            Note = changes.Count == 1 ? "only the temperature moved" : null,
            Duration = TimeSpan.FromMilliseconds(number),
        };

        return (record, next);
    }

    private static ulong SplitMix(ulong x)
    {
        x += 0x9E3779B97F4A7C15UL;
        x = (x ^ (x >> 30)) * 0xBF58476D1CE4E5B9UL;
        x = (x ^ (x >> 27)) * 0x94D049BB133111EBUL;
        return x ^ (x >> 31);
    }
}

/// <summary>What the driver carries from step to step (what a real trainer keeps in <see cref="StepRecord.StateJson"/>).</summary>
/// <param name="Rng">The random generator's state.</param>
/// <param name="Best">The best score so far.</param>
internal sealed record DriverState(ulong Rng, double Best);
