namespace Opto.Cli;

/// <summary>A mistake the user can fix (a wrong path, a step without a graph); the tool prints its message and exits with 1.</summary>
internal sealed class CliException(string message) : Exception(message);
