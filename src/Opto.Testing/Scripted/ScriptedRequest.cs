using Microsoft.Extensions.AI;

namespace Opto.Testing;

/// <summary>A request received by a <see cref="ScriptedChatClient"/>.</summary>
/// <param name="Index">The call's number, from 0, in order of arrival.</param>
/// <param name="Messages">A copy of the messages.</param>
/// <param name="Options">A copy of the options.</param>
/// <param name="Streaming">Whether it was a streaming call.</param>
public sealed record ScriptedRequest(int Index, IReadOnlyList<ChatMessage> Messages, ChatOptions? Options, bool Streaming)
{
    /// <summary>The text of the last user message, or an empty string.</summary>
    public string LastUserText => Messages.LastOrDefault(message => message.Role == ChatRole.User)?.Text ?? string.Empty;

    /// <summary>The text of all messages, one per line, as <c>role: text</c>.</summary>
    public string Transcript => string.Join('\n', Messages.Select(message => $"{message.Role}: {message.Text}"));
}
