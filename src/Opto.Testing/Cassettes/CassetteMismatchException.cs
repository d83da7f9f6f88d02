namespace Opto.Testing;

/// <summary>
/// Thrown by a replaying <see cref="CassetteChatClient"/> when a request was not recorded. The message shows a line
/// diff between the closest recorded request (<c>-</c>) and the unexpected one (<c>+</c>).
/// </summary>
public sealed class CassetteMismatchException : Exception
{
    /// <summary>Creates the exception with a generic message.</summary>
    public CassetteMismatchException()
        : base("The request was not recorded in the cassette.")
    {
    }

    /// <summary>Creates the exception with a message.</summary>
    /// <param name="message">The message.</param>
    public CassetteMismatchException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with a message and a cause.</summary>
    /// <param name="message">The message.</param>
    /// <param name="innerException">The cause.</param>
    public CassetteMismatchException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    /// <summary>Creates the exception for an unexpected request.</summary>
    /// <param name="message">The full message, diff included.</param>
    /// <param name="cassettePath">The cassette file.</param>
    /// <param name="requestKey">The key of the unexpected request.</param>
    /// <param name="diff">The diff against the closest recorded request, or null when the cassette is empty.</param>
    public CassetteMismatchException(string message, string cassettePath, string requestKey, string? diff)
        : base(message)
    {
        CassettePath = cassettePath;
        RequestKey = requestKey;
        Diff = diff;
    }

    /// <summary>The cassette file.</summary>
    public string? CassettePath { get; }

    /// <summary>The key of the unexpected request.</summary>
    public string? RequestKey { get; }

    /// <summary>The diff against the closest recorded request (<c>-</c> recorded, <c>+</c> actual), or null when nothing was recorded.</summary>
    public string? Diff { get; }
}
