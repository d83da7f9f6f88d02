namespace Opto.Cli.Processes;

/// <summary>Finds a program by name.</summary>
internal interface IExecutableLocator
{
    /// <summary>The full path of the program, or <see langword="null"/> when it is not installed.</summary>
    /// <param name="name">The program's name without extension (<c>dot</c>).</param>
    /// <returns>The path, or <see langword="null"/>.</returns>
    string? Find(string name);
}
