using System.Globalization;
using Microsoft.SemanticKernel;
using Microsoft.SemanticKernel.ChatCompletion;

namespace Opto.Examples.AgentDesign;

/// <summary>
/// What the trainable workflow gets to work with: the tools the settings enable and the model, with the agent's
/// instructions and temperature. A disabled tool answers <see langword="null"/>; without a model, the model answers "".
/// Numbers come back rounded to the agent's number of decimals.
/// </summary>
public sealed class Toolbox(Kernel kernel, string instructions, double temperature, bool calculator, bool converter, bool lookup, int decimals)
{
    private readonly KernelPlugin _tools = kernel.Plugins["tools"];

    /// <summary>Whether the kernel has a chat model.</summary>
    public bool HasModel => kernel.Services.GetService(typeof(IChatCompletionService)) is not null;

    /// <summary>a op b (op is + - * /), or null when the calculator is disabled.</summary>
    public async Task<string?> CalculateAsync(double a, string op, double b) =>
        calculator ? Round(await Invoke("Calculate", new() { ["a"] = a, ["op"] = op, ["b"] = b })) : null;

    /// <summary>The value in another unit (km/mi, kg/lb, F/C, h/min), or null when the converter is disabled.</summary>
    public async Task<string?> ConvertAsync(double value, string from, string to) =>
        converter ? Round(await Invoke("Convert", new() { ["value"] = value, ["from"] = from, ["to"] = to })) : null;

    /// <summary>The product fact that best matches the question, or null when the lookup is disabled or nothing matches.</summary>
    public async Task<string?> LookupAsync(string question)
    {
        if (!lookup)
        {
            return null;
        }

        var fact = await Invoke("Lookup", new() { ["question"] = question });
        return fact.Length == 0 ? null : Round(fact);
    }

    /// <summary>Asks the chat model, with the agent's instructions as the system message; "" when there is no model.</summary>
    public async Task<string> AskModelAsync(string prompt)
    {
        if (kernel.Services.GetService(typeof(IChatCompletionService)) is not IChatCompletionService chat)
        {
            return "";
        }

        var history = new ChatHistory(instructions);
        history.AddUserMessage(prompt);
        var settings = new PromptExecutionSettings { ExtensionData = new Dictionary<string, object> { ["temperature"] = temperature } };
        var reply = await chat.GetChatMessageContentAsync(history, settings, kernel);
        return reply.Content ?? "";
    }

    // Shown in the trace, so that the optimizer sees which settings produced an answer.
    public override string ToString() => string.Create(CultureInfo.InvariantCulture,
        $"calculator {(calculator ? "on" : "off")}, converter {(converter ? "on" : "off")}, lookup {(lookup ? "on" : "off")}, {decimals} decimals, model {(HasModel ? $"at temperature {temperature}" : "none")}");

    private async Task<string> Invoke(string tool, KernelArguments arguments) =>
        (await kernel.InvokeAsync(_tools[tool], arguments)).ToString();

    private string Round(string number) =>
        double.TryParse(number, NumberStyles.Float, CultureInfo.InvariantCulture, out var value)
            ? Math.Round(value, decimals).ToString(CultureInfo.InvariantCulture)
            : number;
}
