namespace Opto.Cli.Processes;

/// <summary>A process to start: the program, its arguments (passed as they are, no shell quoting), where, and extra environment.</summary>
/// <param name="FileName">The program.</param>
/// <param name="Arguments">Its arguments.</param>
/// <param name="WorkingDirectory">The directory it starts in.</param>
/// <param name="Environment">Variables added to (or replacing those of) this process's environment.</param>
internal sealed record ProcessSpec(string FileName, IReadOnlyList<string> Arguments, string WorkingDirectory, IReadOnlyDictionary<string, string> Environment)
{
    /// <summary>The command line as a person would type it, for messages.</summary>
    public override string ToString() =>
        string.Join(' ', new[] { FileName }.Concat(Arguments).Select(a => a.Length == 0 || a.Any(char.IsWhiteSpace) ? $"\"{a}\"" : a));
}
