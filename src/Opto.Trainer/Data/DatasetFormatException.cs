namespace Opto.Trainer;

/// <summary>A dataset file could not be read: the message names the file, the line and, where it applies, the field.</summary>
public sealed class DatasetFormatException : FormatException
{
    /// <summary>Creates the exception with a generic message.</summary>
    public DatasetFormatException()
        : base("The dataset file could not be read.")
    {
    }

    /// <summary>Creates the exception with a message.</summary>
    /// <param name="message">The message.</param>
    public DatasetFormatException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with a message and a cause.</summary>
    /// <param name="message">The message.</param>
    /// <param name="innerException">The cause.</param>
    public DatasetFormatException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    /// <summary>Creates the exception for a place in a file.</summary>
    /// <param name="path">The file.</param>
    /// <param name="line">The 1-based line.</param>
    /// <param name="field">The field or column concerned, if any.</param>
    /// <param name="problem">What is wrong.</param>
    /// <param name="innerException">The cause, if any.</param>
    public DatasetFormatException(string path, int line, string? field, string problem, Exception? innerException = null)
        : base($"{path}, line {line}: {problem}", innerException)
    {
        Path = path;
        Line = line;
        Field = field;
    }

    /// <summary>The file, when known.</summary>
    public string? Path { get; }

    /// <summary>The 1-based line, when known.</summary>
    public int? Line { get; }

    /// <summary>The field or column concerned, when one is.</summary>
    public string? Field { get; }
}
