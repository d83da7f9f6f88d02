using Opto.Trainer;

namespace Opto.Examples.CodeRepair;

/// <summary>The unit tests of <see cref="DurationParser.ParseDuration"/>, as a dataset (one named case each) and a check suite.</summary>
internal static class DurationTests
{
    /// <summary>Each case: its name (the example id, shown in the run store), the input and the seconds expected.</summary>
    public static Dataset<string, int> Cases { get; } = new(
    [
        new("hours and minutes", "1h30m", 5400),
        new("seconds only", "45s", 45),
        new("spaces are ignored", "1h 15m", 4500),
        new("a bare number is seconds", "90", 90),
        new("a trailing number is seconds", "2m30", 150),
        new("days", "1d2h", 93_600),
        new("units in upper case", "2H", 7200),
    ], "duration tests");

    /// <summary>
    /// What is checked on each case. The failure messages are what the optimizer reads, so they say what went in,
    /// what came out and what was expected.
    /// </summary>
    public static Guide<string, int, int> Checks { get; } = Guide.Checks<string, int, int>(
        new GuideCheck<string, int, int>("returns the expected seconds", (text, seconds, expected, _) =>
            ValueTask.FromResult(seconds == expected ? null : $"ParseDuration(\"{text}\") returned {seconds}; expected {expected}.")),
        GuideCheck<string, int, int>.That("is not negative", (_, seconds, _) => seconds >= 0, "a duration cannot be negative."));
}
