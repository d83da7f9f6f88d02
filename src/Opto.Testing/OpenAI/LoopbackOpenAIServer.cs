using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using System.Text;
using System.Text.Json;

namespace Opto.Testing;

/// <summary>
/// A loopback HTTP server (127.0.0.1, a free port) that speaks enough of the OpenAI chat-completions protocol to
/// run the real OpenAI client path offline — in tests, or to drive a program configured for an OpenAI-compatible
/// endpoint. It records each request and answers with queued canned JSON or server-sent events; with nothing
/// queued it answers "default answer".
/// </summary>
public sealed class LoopbackOpenAIServer : IAsyncDisposable
{
    private readonly HttpListener _listener;
    private readonly Task _loop;
    private readonly ConcurrentQueue<CannedReply> _replies = new();

    /// <summary>Starts the server on a free loopback port.</summary>
    public LoopbackOpenAIServer()
    {
        (_listener, BaseUri) = Start();
        _loop = Task.Run(ServeAsync);
    }

    /// <summary>The server's root, e.g. http://127.0.0.1:PORT/.</summary>
    public Uri BaseUri { get; }

    /// <summary>Every request received, in order.</summary>
    public ConcurrentQueue<RecordedRequest> Requests { get; } = new();

    /// <summary>Queues a raw reply.</summary>
    /// <param name="status">The HTTP status.</param>
    /// <param name="body">The body.</param>
    /// <param name="contentType">The content type.</param>
    /// <param name="headers">Extra response headers (e.g. Retry-After).</param>
    public void Enqueue(int status, string body, string contentType = "application/json", params (string Name, string Value)[] headers) =>
        _replies.Enqueue(new CannedReply(status, body, contentType, headers));

    /// <summary>Queues a chat completion whose message is <paramref name="text"/>.</summary>
    /// <param name="text">The assistant's answer.</param>
    /// <param name="promptTokens">Reported input tokens.</param>
    /// <param name="completionTokens">Reported output tokens.</param>
    /// <param name="model">Reported model.</param>
    /// <param name="finishReason">Reported finish reason.</param>
    public void EnqueueCompletion(string text, int promptTokens = 12, int completionTokens = 5, string model = "fake-model", string finishReason = "stop") =>
        Enqueue(200, CompletionJson(text, promptTokens, completionTokens, model, finishReason));

    /// <summary>Queues a streamed completion: one server-sent event per chunk, then usage and [DONE].</summary>
    /// <param name="chunks">The text pieces.</param>
    /// <param name="promptTokens">Reported input tokens.</param>
    /// <param name="completionTokens">Reported output tokens.</param>
    /// <param name="model">Reported model.</param>
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

    /// <summary>The JSON body of a chat completion.</summary>
    /// <param name="text">The assistant's answer.</param>
    /// <param name="promptTokens">Reported input tokens.</param>
    /// <param name="completionTokens">Reported output tokens.</param>
    /// <param name="model">Reported model.</param>
    /// <param name="finishReason">Reported finish reason.</param>
    /// <returns>The JSON text.</returns>
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

    /// <summary>Stops the server.</summary>
    /// <returns>A task that completes when the serving loop has ended.</returns>
    public async ValueTask DisposeAsync()
    {
        _listener.Stop();
        _listener.Close();
        try
        {
            await _loop.ConfigureAwait(false);
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
                context = await _listener.GetContextAsync().ConfigureAwait(false);
            }
            catch (Exception ex) when (ex is HttpListenerException or ObjectDisposedException or InvalidOperationException)
            {
                return;
            }

            using (var reader = new StreamReader(context.Request.InputStream, Encoding.UTF8))
            {
                var headers = context.Request.Headers.AllKeys.Where(key => key is not null)
                    .ToDictionary(key => key!, key => context.Request.Headers[key] ?? string.Empty, StringComparer.OrdinalIgnoreCase);
                Requests.Enqueue(new RecordedRequest(context.Request.HttpMethod, context.Request.Url!.AbsolutePath, headers, await reader.ReadToEndAsync().ConfigureAwait(false)));
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
            await response.OutputStream.WriteAsync(bytes).ConfigureAwait(false);
            response.Close();
        }
    }

    /// <summary>A request the server received.</summary>
    /// <param name="Method">The HTTP method.</param>
    /// <param name="Path">The URL path.</param>
    /// <param name="Headers">The headers.</param>
    /// <param name="Body">The body text.</param>
    public sealed record RecordedRequest(string Method, string Path, IReadOnlyDictionary<string, string> Headers, string Body);

    private sealed record CannedReply(int Status, string Body, string ContentType, (string Name, string Value)[] Headers);
}
