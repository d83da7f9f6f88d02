using System.ComponentModel.DataAnnotations;
using System.Globalization;
using System.Text.RegularExpressions;
using Microsoft.SemanticKernel;
using Opto.Trace;

namespace Opto.Examples.AgentDesign;

/// <summary>
/// A small Semantic Kernel agent whose design is trainable: its instructions (text), its tool settings (which tools
/// are on, how many decimals, the model's temperature) and its whole workflow, <see cref="SolveAsync"/>.
/// </summary>
[TraceModel]
public partial class Agent(Kernel kernel)
{
    private readonly Kernel _kernel = kernel;

    /// <summary>The system message of the agent's chat model.</summary>
    [Trainable, MaxLength(600)]
    public partial string Instructions { get; set; }

    /// <summary>The sampling temperature of the agent's chat model.</summary>
    [Trainable, Range(0.0, 1.5)]
    public partial double Temperature { get; set; }

    /// <summary>Whether the workflow may use the calculator tool.</summary>
    [Trainable]
    public partial bool UseCalculator { get; set; }

    /// <summary>Whether the workflow may use the unit converter tool.</summary>
    [Trainable]
    public partial bool UseConverter { get; set; }

    /// <summary>Whether the workflow may use the product lookup tool.</summary>
    [Trainable]
    public partial bool UseLookup { get; set; }

    /// <summary>How many decimals the tools' numbers keep.</summary>
    [Trainable, Range(0, 6)]
    public partial int Decimals { get; set; }

    /// <summary>Builds the toolbox the current settings allow.</summary>
    [Bundle]
    public Toolbox Equip() => new(_kernel, Instructions, Temperature, UseCalculator, UseConverter, UseLookup, Decimals);

    /// <summary>
    /// The agent's workflow: answers one task, routing it to a tool when the task fits one and the tool is on, and
    /// asking the model otherwise. The answer must start with the number asked for. The toolbox offers
    /// CalculateAsync(a, op, b), ConvertAsync(value, from, to) and LookupAsync(question), each null when its tool is
    /// off (or, for the lookup, when nothing matches), and AskModelAsync(prompt), "" when there is no model.
    /// </summary>
    [Trainable]
    public async Task<string> SolveAsync(string task, Toolbox tools)
    {
        // "What is 17 * 23?"
        var arithmetic = Regex.Match(task, @"(-?\d+(?:\.\d+)?)\s*([-+*/])\s*(-?\d+(?:\.\d+)?)");
        if (arithmetic.Success)
        {
            var a = double.Parse(arithmetic.Groups[1].Value, CultureInfo.InvariantCulture);
            var b = double.Parse(arithmetic.Groups[3].Value, CultureInfo.InvariantCulture);
            if (await tools.CalculateAsync(a, arithmetic.Groups[2].Value, b) is { } result)
            {
                return result;
            }
        }

        // "Convert 10 km to mi"
        var conversion = Regex.Match(task, @"[Cc]onvert (-?\d+(?:\.\d+)?) (\w+) to (\w+)");
        if (conversion.Success)
        {
            var value = double.Parse(conversion.Groups[1].Value, CultureInfo.InvariantCulture);
            if (await tools.ConvertAsync(value, conversion.Groups[2].Value, conversion.Groups[3].Value) is { } converted)
            {
                return converted;
            }
        }

        // "What is the price of the Falcon lamp?"
        if (await tools.LookupAsync(task) is { } fact)
        {
            return fact;
        }

        return await tools.AskModelAsync(task);
    }
}
