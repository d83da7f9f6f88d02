namespace Opto.LLamaSharp;

/// <summary>
/// A local model could not be loaded (a missing or malformed file, an unsupported architecture), or a request
/// does not fit it (a prompt longer than the context window). The message says what llama.cpp reported and
/// what to change.
/// </summary>
public sealed class LocalModelException : Exception
{
    /// <summary>Creates the exception with a generic message.</summary>
    public LocalModelException()
        : base("The local model failed.")
    {
    }

    /// <summary>Creates the exception with a message.</summary>
    /// <param name="message">What went wrong and what to change.</param>
    public LocalModelException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with a message and its cause.</summary>
    /// <param name="message">What went wrong and what to change.</param>
    /// <param name="innerException">The underlying error.</param>
    public LocalModelException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
