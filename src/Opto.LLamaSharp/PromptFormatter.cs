using System.Text;
using LLama;
using Microsoft.Extensions.AI;

namespace Opto.LLamaSharp;

/// <summary>
/// Turns a conversation into the text the model reads: through the model's own chat template when it has one
/// that llama.cpp understands, otherwise as a plain transcript whose turn markers double as stop sequences.
/// </summary>
internal sealed class PromptFormatter
{
    /// <summary>The metadata key of the chat template in a GGUF file.</summary>
    public const string ChatTemplateKey = "tokenizer.chat_template";

    private static readonly string[] TranscriptStops = ["\nUser:", "\nSystem:"];

    private readonly LLamaWeights _weights;

    public PromptFormatter(LLamaWeights weights, bool useChatTemplate)
    {
        _weights = weights;
        UsesChatTemplate = useChatTemplate && weights.Metadata.ContainsKey(ChatTemplateKey) && TemplateWorks(weights);
    }

    /// <summary>Whether the model's chat template is used (otherwise the transcript format).</summary>
    public bool UsesChatTemplate { get; }

    /// <summary>Stop sequences the format needs: the transcript's next-turn markers; none with a chat template (it ends turns with a token).</summary>
    public IReadOnlyList<string> FormatStops => UsesChatTemplate ? [] : TranscriptStops;

    /// <summary>Formats the conversation, ending where the assistant's answer begins.</summary>
    /// <param name="messages">The messages, in order.</param>
    /// <param name="instructions">Extra system instructions (<see cref="ChatOptions.Instructions"/>), put first.</param>
    /// <returns>The prompt text.</returns>
    public string Format(IEnumerable<ChatMessage> messages, string? instructions)
    {
        var turns = new List<(string Role, string Text)>();
        if (!string.IsNullOrWhiteSpace(instructions))
        {
            turns.Add(("system", instructions));
        }

        foreach (var message in messages)
        {
            turns.Add((RoleName(message.Role), message.Text));
        }

        return UsesChatTemplate ? ApplyTemplate(_weights, turns) : Transcript(turns);
    }

    private static string RoleName(ChatRole role) =>
        role == ChatRole.System ? "system" : role == ChatRole.Assistant ? "assistant" : "user";

    private static string Transcript(List<(string Role, string Text)> turns)
    {
        var text = new StringBuilder();
        foreach (var (role, content) in turns)
        {
            text.Append(role switch { "system" => "System", "assistant" => "Assistant", _ => "User" })
                .Append(": ").Append(content.Trim()).Append("\n\n");
        }

        return text.Append("Assistant:").ToString();
    }

    private static string ApplyTemplate(LLamaWeights weights, List<(string Role, string Text)> turns)
    {
        var template = new LLamaTemplate(weights) { AddAssistant = true };
        foreach (var (role, content) in turns)
        {
            template.Add(role, content);
        }

        return LLamaTemplate.Encoding.GetString(template.Apply());
    }

    /// <summary>llama.cpp recognises a fixed list of templates; an unknown one fails, and then the transcript is used.</summary>
    private static bool TemplateWorks(LLamaWeights weights)
    {
        try
        {
            _ = ApplyTemplate(weights, [("system", "s"), ("user", "u")]);
            return true;
        }
#pragma warning disable CA1031 // Any failure means the template cannot be used; the transcript format is the fallback.
        catch (Exception)
#pragma warning restore CA1031
        {
            return false;
        }
    }
}
