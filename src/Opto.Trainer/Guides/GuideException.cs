namespace Opto.Trainer;

/// <summary>A guide could not judge an output, e.g. an LLM judge's answer held no readable score.</summary>
public sealed class GuideException : Exception
{
    /// <summary>Creates the exception with a generic message.</summary>
    public GuideException()
        : base("The guide could not judge the output.")
    {
    }

    /// <summary>Creates the exception with a message.</summary>
    /// <param name="message">The message.</param>
    public GuideException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with a message and a cause.</summary>
    /// <param name="message">The message.</param>
    /// <param name="innerException">The cause.</param>
    public GuideException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
