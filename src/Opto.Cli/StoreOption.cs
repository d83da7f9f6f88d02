using System.CommandLine;
using Opto.Reporting;
using Opto.Runs;

namespace Opto.Cli;

/// <summary>The <c>--db</c> option every command shares, and how commands open the store it names.</summary>
internal sealed class StoreOption
{
    public StoreOption()
    {
        Option = new Option<string?>("--db")
        {
            Description =
                $"The run store file. Default: ${RunStoreLocation.EnvironmentVariable} when set, else {RunStore.DefaultDirectoryName}/{RunStore.DefaultFileName} in the current directory.",
            HelpName = "path",
            Recursive = true,
        };
    }

    public Option<string?> Option { get; }

    /// <summary>The full path of the store the command line names (explicit, then the environment variable, then the default).</summary>
    public string ResolvePath(ParseResult parseResult, CliContext context) =>
        RunStoreLocation.Resolve(parseResult.GetValue(Option), context.CurrentDirectory, context.GetEnvironmentVariable(RunStoreLocation.EnvironmentVariable));

    /// <summary>Opens the store for reading; a missing or empty file is an error rather than a new store.</summary>
    public RunStore OpenExisting(ParseResult parseResult, CliContext context) => OpenExisting(ResolvePath(parseResult, context));

    /// <summary>Opens an existing store file.</summary>
    public static RunStore OpenExisting(string path)
    {
        var file = new FileInfo(path);
        if (!file.Exists)
        {
            throw new CliException(
                $"There is no run store at '{path}'. Record a run first (opto run <example>), or name the store with --db or ${RunStoreLocation.EnvironmentVariable}.");
        }

        // Opening an empty file would turn it into a new store; a tool that only reads must not write a schema into it.
        if (file.Length == 0)
        {
            throw new CliException($"'{path}' is an empty file, not a run store.");
        }

        return RunStore.Open(path, createIfMissing: false);
    }
}
