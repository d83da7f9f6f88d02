namespace Opto.Llm;

/// <summary>
/// An error reported by an LLM service with an HTTP-like status code and, optionally, how long to wait before trying
/// again. <c>UseOptoResilience</c> retries it on 408, 429 and 5xx and honours <see cref="RetryAfter"/>. Clients
/// that are not built on the OpenAI SDK (and test doubles) can throw it to get the same treatment as OpenAI errors.
/// </summary>
public class LlmServiceException : Exception
{
    /// <summary>Creates the exception with a generic message and no status code.</summary>
    public LlmServiceException()
        : base("The LLM service reported an error.")
    {
    }

    /// <summary>Creates the exception with a message and no status code.</summary>
    /// <param name="message">The error message.</param>
    public LlmServiceException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with a message and a cause, and no status code.</summary>
    /// <param name="message">The error message.</param>
    /// <param name="innerException">The underlying error.</param>
    public LlmServiceException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    /// <summary>Creates the exception for a status code.</summary>
    /// <param name="statusCode">The HTTP status code, e.g. 429 or 503.</param>
    /// <param name="message">The error message; a default naming the status is used when null.</param>
    /// <param name="retryAfter">How long the service asked the caller to wait, if it said.</param>
    /// <param name="innerException">The underlying error, if any.</param>
    public LlmServiceException(int statusCode, string? message = null, TimeSpan? retryAfter = null, Exception? innerException = null)
        : base(message ?? $"The LLM service answered with status {statusCode}.", innerException)
    {
        StatusCode = statusCode;
        RetryAfter = retryAfter;
    }

    /// <summary>The HTTP status code, or null when the service was not reached.</summary>
    public int? StatusCode { get; }

    /// <summary>How long the service asked the caller to wait, or null when it did not say.</summary>
    public TimeSpan? RetryAfter { get; }

    /// <summary>Whether trying again may succeed: no status (a network failure), 408, 429 or any 5xx.</summary>
    public bool IsTransient => StatusCode is null or 408 or 429 or >= 500;
}
