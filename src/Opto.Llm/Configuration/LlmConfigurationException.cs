namespace Opto.Llm;

/// <summary>Thrown when no LLM provider is configured, or when its configuration is incomplete or invalid.</summary>
public sealed class LlmConfigurationException : Exception
{
    /// <summary>Creates the exception with the default message, <see cref="LlmClientFactory.NotConfiguredMessage"/>.</summary>
    public LlmConfigurationException()
        : base(LlmClientFactory.NotConfiguredMessage)
    {
    }

    /// <summary>Creates the exception with a message that says what to fix.</summary>
    /// <param name="message">What is wrong and how to fix it.</param>
    public LlmConfigurationException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with a message and the error that caused it.</summary>
    /// <param name="message">What is wrong and how to fix it.</param>
    /// <param name="innerException">The underlying error.</param>
    public LlmConfigurationException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
