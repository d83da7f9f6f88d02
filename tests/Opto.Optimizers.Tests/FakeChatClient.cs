using Microsoft.Extensions.AI;

namespace Opto.Optimizers.Tests;

/// <summary>
/// A chat client that answers from a queue of canned texts and records every request (messages and options).
/// An answer may be a function of the request, e.g. to wait for cancellation.
/// </summary>
internal sealed class FakeChatClient : IChatClient
{
    private readonly Queue<Func<IReadOnlyList<ChatMessage>, CancellationToken, Task<ChatResponse>>> _answers = new();

    public List<(IReadOnlyList<ChatMessage> Messages, ChatOptions? Options)> Requests { get; } = [];

    public FakeChatClient(params string[] answers)
    {
        foreach (var answer in answers)
        {
            Enqueue(answer);
        }
    }

    public FakeChatClient Enqueue(string answer, UsageDetails? usage = null)
    {
        _answers.Enqueue((_, _) => Task.FromResult(new ChatResponse(new ChatMessage(ChatRole.Assistant, answer)) { Usage = usage }));
        return this;
    }

    public FakeChatClient Enqueue(Func<IReadOnlyList<ChatMessage>, CancellationToken, Task<ChatResponse>> answer)
    {
        _answers.Enqueue(answer);
        return this;
    }

    public int Remaining => _answers.Count;

    public string LastUserText => Requests[^1].Messages.Last(m => m.Role == ChatRole.User).Text;

    public async Task<ChatResponse> GetResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default)
    {
        cancellationToken.ThrowIfCancellationRequested();
        var list = messages.ToList(); // a copy: the caller may add to its list later (a re-ask)
        Requests.Add((list, options));
        if (_answers.Count == 0)
        {
            throw new InvalidOperationException($"The fake chat client has no answer left for request {Requests.Count}.");
        }

        return await _answers.Dequeue()(list, cancellationToken);
    }

    public IAsyncEnumerable<ChatResponseUpdate> GetStreamingResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default) =>
        throw new NotSupportedException("The optimizers do not stream.");

    public object? GetService(Type serviceType, object? serviceKey = null) => null;

    public void Dispose()
    {
    }
}
