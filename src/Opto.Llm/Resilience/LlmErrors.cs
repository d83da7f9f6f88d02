using System.ClientModel;
using System.Globalization;
using System.Net.Sockets;
using Polly.CircuitBreaker;
using Polly.Timeout;

namespace Opto.Llm;

/// <summary>
/// Reads status codes and Retry-After out of the errors that LLM clients throw (OpenAI's
/// <see cref="ClientResultException"/>, <see cref="HttpRequestException"/>, <see cref="LlmServiceException"/>)
/// and decides which of them are worth retrying.
/// </summary>
public static class LlmErrors
{
    private const int MaxDepth = 4;

    /// <summary>The HTTP status code carried by an error or one of its inner errors.</summary>
    /// <param name="exception">The error.</param>
    /// <returns>The status, or null when the error carries none (for example a network failure).</returns>
    public static int? GetStatusCode(Exception exception)
    {
        for (var (current, depth) = (exception, 0); current is not null && depth < MaxDepth; current = current.InnerException, depth++)
        {
            switch (current)
            {
                case LlmServiceException { StatusCode: { } status }:
                    return status;
                case ClientResultException { Status: > 0 } result:
                    return result.Status;
                case HttpRequestException { StatusCode: { } code }:
                    return (int)code;
            }
        }

        return null;
    }

    /// <summary>
    /// How long the service asked the caller to wait: <see cref="LlmServiceException.RetryAfter"/>, or the
    /// <c>retry-after-ms</c>, <c>x-ms-retry-after-ms</c> or <c>Retry-After</c> (seconds or HTTP date) header of an
    /// OpenAI SDK error's raw response.
    /// </summary>
    /// <param name="exception">The error.</param>
    /// <param name="timeProvider">The clock used to turn an HTTP date into a delay; null uses the system clock.</param>
    /// <returns>The delay, or null when the service did not say.</returns>
    public static TimeSpan? GetRetryAfter(Exception exception, TimeProvider? timeProvider = null)
    {
        for (var (current, depth) = (exception, 0); current is not null && depth < MaxDepth; current = current.InnerException, depth++)
        {
            switch (current)
            {
                case LlmServiceException { RetryAfter: { } retryAfter }:
                    return retryAfter;
                case ClientResultException result when result.GetRawResponse() is { } response:
                    if (TryMilliseconds(response.Headers, "retry-after-ms", out var delay)
                        || TryMilliseconds(response.Headers, "x-ms-retry-after-ms", out delay)
                        || TryRetryAfter(response.Headers, timeProvider ?? TimeProvider.System, out delay))
                    {
                        return delay;
                    }

                    break;
            }
        }

        return null;
    }

    /// <summary>
    /// Whether trying the call again may succeed: timeouts, network failures and the statuses 408, 429 and 5xx.
    /// Errors caused by the caller's own cancellation, an open circuit, and 4xx answers such as 400 or 401 are not transient.
    /// </summary>
    /// <param name="exception">The error.</param>
    /// <param name="callerCancellation">The caller's token; a cancellation it requested is never transient.</param>
    /// <returns>Whether the error is transient.</returns>
    public static bool IsTransient(Exception exception, CancellationToken callerCancellation = default)
    {
        ArgumentNullException.ThrowIfNull(exception);
        if (callerCancellation.IsCancellationRequested)
        {
            return false;
        }

        for (var (current, depth) = (exception, 0); current is not null && depth < MaxDepth; current = current.InnerException, depth++)
        {
            switch (current)
            {
                case BrokenCircuitException:
                    return false;
                case TimeoutRejectedException or TimeoutException:
                    return true;
                case LlmServiceException service:
                    return service.IsTransient;
                case ClientResultException result:
                    return result.Status is 0 or 408 or 429 or >= 500;
                case HttpRequestException http:
                    return http.StatusCode is null || (int)http.StatusCode is 408 or 429 or >= 500;
                case SocketException or IOException:
                    return true;
                case OperationCanceledException:
                    // Not the caller's cancellation (checked above), so an SDK-internal timeout.
                    return true;
            }
        }

        return false;
    }

    private static bool TryMilliseconds(System.ClientModel.Primitives.PipelineResponseHeaders headers, string name, out TimeSpan delay)
    {
        delay = default;
        if (headers.TryGetValue(name, out var text)
            && double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var milliseconds)
            && milliseconds >= 0)
        {
            delay = TimeSpan.FromMilliseconds(milliseconds);
            return true;
        }

        return false;
    }

    private static bool TryRetryAfter(System.ClientModel.Primitives.PipelineResponseHeaders headers, TimeProvider timeProvider, out TimeSpan delay)
    {
        delay = default;
        if (!headers.TryGetValue("Retry-After", out var text) || string.IsNullOrWhiteSpace(text))
        {
            return false;
        }

        if (double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var seconds) && seconds >= 0)
        {
            delay = TimeSpan.FromSeconds(seconds);
            return true;
        }

        if (DateTimeOffset.TryParseExact(text.Trim(), "r", CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var date))
        {
            var wait = date - timeProvider.GetUtcNow();
            delay = wait > TimeSpan.Zero ? wait : TimeSpan.Zero;
            return true;
        }

        return false;
    }
}
