using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using System.Text;
using System.Text.Json;

namespace Opto.Llm.Tests.Support;

/// <summary>
/// A loopback HTTP server that speaks enough of the OpenAI chat-completions protocol to prove that the real OpenAI
/// client path works offline: it records each request and answers with canned JSON or server-sent events.
/// </summary>
internal sealed class FakeOpenAIServer : IAsyncDisposable
{
    private readonly HttpListener _listener;
    private readonly Task _loop;
    private readonly ConcurrentQueue<CannedReply> _replies = new();

    public FakeOpenAIServer()
    {
        (_listener, BaseUri) = Start();
        _loop = Task.Run(ServeAsync);
    }

    /// <summary>The server's root, e.g. http://127.0.0.1:PORT/.</summary>
    public Uri BaseUri { get; }

    public ConcurrentQueue<RecordedRequest> Requests { get; } = new();

    public void Enqueue(int status, string body, string contentType = "application/json", params (string Name, string Value)[] headers) =>
        _replies.Enqueue(new CannedReply(status, body, contentType, headers));

    public void EnqueueCompletion(string text, int promptTokens = 12, int completionTokens = 5, string model = "fake-model", string finishReason = "stop") =>
        Enqueue(200, CompletionJson(text, promptTokens, completionTokens, model, finishReason));

    public void EnqueueStream(IEnumerable<string> chunks, int promptTokens, int completionTokens, string model = "fake-model")
    {
        var events = new StringBuilder();
        void Event(object payload) => events.Append("data: ").Append(JsonSerializer.Serialize(payload)).Append("\n\n");
        var first = true;
        foreach (var chunk in chunks)
        {
            Event(new
            {
                id = "chatcmpl-stream",
                @object = "chat.completion.chunk",
                created = 1_700_000_000,
                model,
                choices = new[] { new { index = 0, delta = first ? (object)new { role = "assistant", content = chunk } : new { content = chunk }, finish_reason = (string?)null } },
            });
            first = false;
        }

        Event(new
        {
            id = "chatcmpl-stream",
            @object = "chat.completion.chunk",
            created = 1_700_000_000,
            model,
            choices = new[] { new { index = 0, delta = new { }, finish_reason = "stop" } },
        });
        Event(new
        {
            id = "chatcmpl-stream",
            @object = "chat.completion.chunk",
            created = 1_700_000_000,
            model,
            choices = Array.Empty<object>(),
            usage = new { prompt_tokens = promptTokens, completion_tokens = completionTokens, total_tokens = promptTokens + completionTokens },
        });
        events.Append("data: [DONE]\n\n");
        Enqueue(200, events.ToString(), "text/event-stream");
    }

    public static string CompletionJson(string text, int promptTokens, int completionTokens, string model = "fake-model", string finishReason = "stop") =>
        JsonSerializer.Serialize(new
        {
            id = "chatcmpl-fake",
            @object = "chat.completion",
            created = 1_700_000_000,
            model,
            choices = new[] { new { index = 0, message = new { role = "assistant", content = text }, finish_reason = finishReason } },
            usage = new { prompt_tokens = promptTokens, completion_tokens = completionTokens, total_tokens = promptTokens + completionTokens },
        });

    public async ValueTask DisposeAsync()
    {
        _listener.Stop();
        _listener.Close();
        try
        {
            await _loop;
        }
        catch (Exception ex) when (ex is HttpListenerException or ObjectDisposedException or InvalidOperationException)
        {
        }
    }

    private static (HttpListener Listener, Uri BaseUri) Start()
    {
        // Ask the OS for a free port, then bind the listener to it; retry in the rare case another process takes it first.
        for (var attempt = 0; ; attempt++)
        {
            var probe = new TcpListener(IPAddress.Loopback, 0);
            probe.Start();
            var port = ((IPEndPoint)probe.LocalEndpoint).Port;
            probe.Stop();
            var uri = new Uri($"http://127.0.0.1:{port}/");
            var listener = new HttpListener();
            listener.Prefixes.Add(uri.AbsoluteUri);
            try
            {
                listener.Start();
                return (listener, uri);
            }
            catch (HttpListenerException) when (attempt < 5)
            {
                listener.Close();
            }
        }
    }

    private async Task ServeAsync()
    {
        while (_listener.IsListening)
        {
            HttpListenerContext context;
            try
            {
                context = await _listener.GetContextAsync();
            }
            catch (Exception ex) when (ex is HttpListenerException or ObjectDisposedException or InvalidOperationException)
            {
                return;
            }

            using (var reader = new StreamReader(context.Request.InputStream, Encoding.UTF8))
            {
                var headers = context.Request.Headers.AllKeys.Where(key => key is not null)
                    .ToDictionary(key => key!, key => context.Request.Headers[key] ?? string.Empty, StringComparer.OrdinalIgnoreCase);
                Requests.Enqueue(new RecordedRequest(context.Request.HttpMethod, context.Request.Url!.AbsolutePath, headers, await reader.ReadToEndAsync()));
            }

            var reply = _replies.TryDequeue(out var canned) ? canned : new CannedReply(200, CompletionJson("default answer", 1, 1), "application/json", []);
            var response = context.Response;
            response.StatusCode = reply.Status;
            response.ContentType = reply.ContentType;
            foreach (var (name, value) in reply.Headers)
            {
                response.Headers[name] = value;
            }

            var bytes = Encoding.UTF8.GetBytes(reply.Body);
            response.ContentLength64 = bytes.Length;
            await response.OutputStream.WriteAsync(bytes);
            response.Close();
        }
    }

    public sealed record RecordedRequest(string Method, string Path, IReadOnlyDictionary<string, string> Headers, string Body);

    private sealed record CannedReply(int Status, string Body, string ContentType, (string Name, string Value)[] Headers);
}
