using Microsoft.Extensions.AI;
using Opto.Llm;

namespace Opto.Testing;

/// <summary>
/// One scripted behaviour of a <see cref="ScriptedChatClient"/>: an answer, a fault, or a hang, optionally after a
/// delay or after a gate opens.
/// </summary>
public sealed record ScriptedStep
{
    private ScriptedStep()
    {
    }

    internal string? Text { get; private init; }

    internal ChatResponse? Response { get; private init; }

    internal Exception? Exception { get; private init; }

    internal Func<ScriptedRequest, ScriptedStep>? Factory { get; private init; }

    internal UsageDetails? Usage { get; private init; }

    internal ChatFinishReason? FinishReason { get; private init; }

    internal bool Hangs { get; private init; }

    internal TimeSpan Delay { get; private init; }

    internal Task? Gate { get; private init; }

    /// <summary>Answers with a text.</summary>
    /// <param name="text">The answer.</param>
    /// <param name="usage">The usage to report; null estimates it at about four characters per token.</param>
    /// <param name="finishReason">The finish reason; null means <see cref="ChatFinishReason.Stop"/>.</param>
    /// <returns>The step.</returns>
    public static ScriptedStep Reply(string text, UsageDetails? usage = null, ChatFinishReason? finishReason = null)
    {
        ArgumentNullException.ThrowIfNull(text);
        return new ScriptedStep { Text = text, Usage = usage, FinishReason = finishReason };
    }

    /// <summary>Answers with a ready-made response.</summary>
    /// <param name="response">The response, returned as is.</param>
    /// <returns>The step.</returns>
    public static ScriptedStep Reply(ChatResponse response)
    {
        ArgumentNullException.ThrowIfNull(response);
        return new ScriptedStep { Response = response };
    }

    /// <summary>
    /// Answers with the first <paramref name="keepCharacters"/> characters of a text and the finish reason
    /// <see cref="ChatFinishReason.Length"/>, as a model cut off by its output limit does.
    /// </summary>
    /// <param name="text">The full answer.</param>
    /// <param name="keepCharacters">How many characters survive.</param>
    /// <returns>The step.</returns>
    public static ScriptedStep Truncated(string text, int keepCharacters)
    {
        ArgumentNullException.ThrowIfNull(text);
        ArgumentOutOfRangeException.ThrowIfNegative(keepCharacters);
        return Reply(text[..Math.Min(keepCharacters, text.Length)], finishReason: ChatFinishReason.Length);
    }

    /// <summary>Fails like a service answering with an HTTP error: throws <see cref="LlmServiceException"/>.</summary>
    /// <param name="statusCode">The status, e.g. 429, 500, 503, or 400 for a non-transient error.</param>
    /// <param name="retryAfter">The Retry-After the service sends, if any.</param>
    /// <param name="message">The error message; null uses a default.</param>
    /// <returns>The step.</returns>
    public static ScriptedStep Fault(int statusCode, TimeSpan? retryAfter = null, string? message = null) =>
        new() { Exception = new LlmServiceException(statusCode, message ?? $"Scripted fault: status {statusCode}.", retryAfter) };

    /// <summary>Throws the given exception.</summary>
    /// <param name="exception">The exception to throw.</param>
    /// <returns>The step.</returns>
    public static ScriptedStep Throw(Exception exception)
    {
        ArgumentNullException.ThrowIfNull(exception);
        return new ScriptedStep { Exception = exception };
    }

    /// <summary>Never answers: waits until the call is cancelled (to test timeouts).</summary>
    /// <returns>The step.</returns>
    public static ScriptedStep Hang() => new() { Hangs = true };

    /// <summary>Decides the step from the request, when the call arrives.</summary>
    /// <param name="factory">Chooses the step.</param>
    /// <returns>The step.</returns>
    public static ScriptedStep From(Func<ScriptedRequest, ScriptedStep> factory)
    {
        ArgumentNullException.ThrowIfNull(factory);
        return new ScriptedStep { Factory = factory };
    }

    /// <summary>Answers with a text computed from the request.</summary>
    /// <param name="answer">Computes the answer.</param>
    /// <returns>The step.</returns>
    public static ScriptedStep From(Func<ScriptedRequest, string> answer)
    {
        ArgumentNullException.ThrowIfNull(answer);
        return From(request => Reply(answer(request)));
    }

    /// <summary>The same step, taken after a delay measured on the client's <see cref="TimeProvider"/>.</summary>
    /// <param name="delay">The delay.</param>
    /// <returns>A new step.</returns>
    public ScriptedStep After(TimeSpan delay) => this with { Delay = delay };

    /// <summary>The same step, taken only once <paramref name="gate"/> completes (to hold calls in flight).</summary>
    /// <param name="gate">The task to wait for.</param>
    /// <returns>A new step.</returns>
    public ScriptedStep WaitingFor(Task gate)
    {
        ArgumentNullException.ThrowIfNull(gate);
        return this with { Gate = gate };
    }
}
