namespace Opto.Runs;

/// <summary>
/// Thrown when a run store file cannot be used: it is not a SQLite database, it belongs to another application,
/// or it was written by a newer version of this library. The message names the file and what is wrong; the file
/// is left exactly as it was.
/// </summary>
public sealed class RunStoreException : Exception
{
    /// <summary>Creates the exception.</summary>
    /// <param name="message">What is wrong, naming the file.</param>
    public RunStoreException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception.</summary>
    /// <param name="message">What is wrong, naming the file.</param>
    /// <param name="innerException">The cause.</param>
    public RunStoreException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    /// <summary>Creates the exception.</summary>
    public RunStoreException()
    {
    }
}
