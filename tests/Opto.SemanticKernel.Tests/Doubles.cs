using System.Runtime.CompilerServices;
using Microsoft.Extensions.AI;
using Microsoft.SemanticKernel;
using Microsoft.SemanticKernel.ChatCompletion;
using SkChatMessageContent = Microsoft.SemanticKernel.ChatMessageContent;

namespace Opto.SemanticKernel.Tests;

/// <summary>A Semantic Kernel chat service that answers with canned text and records what it was asked.</summary>
internal sealed class CannedChatCompletionService(params string[] answers) : IChatCompletionService
{
    private readonly Queue<string> _answers = new(answers);

    public List<(ChatHistory History, PromptExecutionSettings? Settings)> Requests { get; } = [];

    public IReadOnlyDictionary<string, object?> Attributes { get; } = new Dictionary<string, object?> { ["ModelId"] = "canned-model" };

    public Task<IReadOnlyList<SkChatMessageContent>> GetChatMessageContentsAsync(ChatHistory chatHistory, PromptExecutionSettings? executionSettings = null,
        Kernel? kernel = null, CancellationToken cancellationToken = default)
    {
        Requests.Add((chatHistory, executionSettings));
        var answer = _answers.Count > 0 ? _answers.Dequeue() : "(no more answers)";
        return Task.FromResult<IReadOnlyList<SkChatMessageContent>>([new SkChatMessageContent(AuthorRole.Assistant, answer) { ModelId = "canned-model" }]);
    }

    public async IAsyncEnumerable<StreamingChatMessageContent> GetStreamingChatMessageContentsAsync(ChatHistory chatHistory,
        PromptExecutionSettings? executionSettings = null, Kernel? kernel = null, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        var answers = await GetChatMessageContentsAsync(chatHistory, executionSettings, kernel, cancellationToken);
        yield return new StreamingChatMessageContent(AuthorRole.Assistant, answers[0].Content);
    }
}

/// <summary>A chat client that reports no metadata, like many hand-written ones (Semantic Kernel refuses those).</summary>
internal sealed class BareChatClient(string answer) : IChatClient
{
    public Task<ChatResponse> GetResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default) =>
        Task.FromResult(new ChatResponse(new ChatMessage(ChatRole.Assistant, answer)));

    public IAsyncEnumerable<ChatResponseUpdate> GetStreamingResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null,
        CancellationToken cancellationToken = default) => throw new NotSupportedException();

    public object? GetService(Type serviceType, object? serviceKey = null) => null;

    public void Dispose()
    {
    }
}
