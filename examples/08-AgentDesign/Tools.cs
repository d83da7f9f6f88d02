using System.ComponentModel;
using System.Globalization;
using Microsoft.SemanticKernel;

namespace Opto.Examples.AgentDesign;

/// <summary>The agent's tools, as Semantic Kernel native functions: a calculator, a unit converter and a product table.</summary>
public sealed class Tools
{
    // A tiny in-memory product table of a made-up shop: the model cannot know these, only the lookup can.
    private static readonly Dictionary<string, double> Facts = new(StringComparer.Ordinal)
    {
        ["falcon lamp price"] = 49.90,
        ["falcon lamp stock"] = 12,
        ["heron kettle price"] = 35.50,
        ["heron kettle stock"] = 31,
        ["heron kettle weight kg"] = 1.7,
    };

    [KernelFunction, Description("Applies + - * or / to two numbers.")]
    public static double Calculate(double a, string op, double b) => op switch
    {
        "+" => a + b,
        "-" => a - b,
        "*" => a * b,
        "/" => a / b,
        _ => throw new ArgumentException($"Unknown operator '{op}'.", nameof(op)),
    };

    [KernelFunction, Description("Converts a value between km and mi, kg and lb, F and C, h and min.")]
    public static double Convert(double value, string from, string to) => (from.ToLowerInvariant(), to.ToLowerInvariant()) switch
    {
        ("km", "mi") => value / 1.609344,
        ("mi", "km") => value * 1.609344,
        ("kg", "lb") => value / 0.45359237,
        ("lb", "kg") => value * 0.45359237,
        ("f", "c") => (value - 32) * 5 / 9,
        ("c", "f") => (value * 9 / 5) + 32,
        ("h", "min") => value * 60,
        ("min", "h") => value / 60,
        _ => throw new ArgumentException($"Cannot convert {from} to {to}."),
    };

    [KernelFunction, Description("Finds the product fact (price, stock, weight) that best matches a question; empty when none does.")]
    public static string Lookup(string question)
    {
        var words = question.ToLowerInvariant().Split([' ', '?', '.', ','], StringSplitOptions.RemoveEmptyEntries)
            .Select(w => w.EndsWith('s') ? w[..^1] : w).ToHashSet(StringComparer.Ordinal);
        var (key, overlap) = Facts.Keys.Select(k => (k, k.Split(' ').Count(words.Contains))).MaxBy(m => m.Item2);
        return overlap >= 2 ? Facts[key].ToString(CultureInfo.InvariantCulture) : "";
    }
}
