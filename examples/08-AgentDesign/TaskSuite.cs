using System.Globalization;
using System.Text.RegularExpressions;
using Opto.Trainer;

namespace Opto.Examples.AgentDesign;

/// <summary>Twelve tasks with numeric answers, and the guide that checks an answer.</summary>
internal static partial class TaskSuite
{
    public static Dataset<string, double> Tasks { get; } = new(
    [
        new("multiply", "What is 17 * 23?", 391),
        new("add", "What is 1234 + 4321?", 5555),
        new("divide", "What is 10 / 4?", 2.5),
        new("decimals", "What is 2.5 * 1.3?", 3.25),
        new("km to mi", "Convert 10 km to mi", 6.2137),
        new("F to C", "Convert 100 F to C", 37.7778),
        new("kg to lb", "Convert 5 kg to lb", 11.0231),
        new("price", "What is the price of the Falcon lamp?", 49.9),
        new("stock", "How many Heron kettles are in stock?", 31),
        new("weight", "How much does the Heron kettle weigh in kg?", 1.7),
        new("lookup then multiply", "What do 3 Falcon lamps cost in total?", 149.7),
        new("worded conversion", "How many minutes are in 2.5 hours?", 150),
    ], "agent tasks");

    /// <summary>Score 1 when the first number of the answer is within 0.01 of the expected one.</summary>
    public static Guide<string, string, double> Guide { get; } = Opto.Trainer.Guide.From<string, string, double>((task, answer, expected) =>
    {
        var number = Number().Match(answer);
        var expectedText = expected.ToString(CultureInfo.InvariantCulture);
        if (!number.Success)
        {
            return new GuideResult(0, $"Task \"{task}\": expected {expectedText}, but the answer \"{answer}\" has no number.");
        }

        var value = double.Parse(number.Value, CultureInfo.InvariantCulture);
        return Math.Abs(value - expected) <= 0.01
            ? new GuideResult(1, $"Task \"{task}\": correct ({number.Value}).")
            : new GuideResult(0, $"Task \"{task}\": expected {expectedText}, but the answer \"{answer}\" starts with {number.Value}.");
    });

    [GeneratedRegex(@"-?\d+(?:\.\d+)?")]
    private static partial Regex Number();
}
