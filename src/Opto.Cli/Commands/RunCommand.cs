using System.CommandLine;
using Opto.Cli.Processes;
using Opto.Cli.Projects;
using Opto.Reporting;
using Opto.Reporting.Tables;
using Opto.Runs;

namespace Opto.Cli.Commands;

/// <summary>
/// <c>opto run &lt;example-or-project&gt; [-- args…]</c>: runs a project with <c>dotnet run</c>, telling it which run store to
/// write through <see cref="RunStoreLocation.EnvironmentVariable"/>, and then summarises the runs it recorded.
/// </summary>
internal static class RunCommand
{
    public const string DotnetProgram = "dotnet";

    public static Command Create(CliContext context, StoreOption store)
    {
        var target = new Argument<string>("example-or-project")
        {
            Description = "An example of this repository by number or name (03, NumericOptimization), or a project file or folder.",
        };
        var forwarded = new Argument<string[]>("args")
        {
            Description = "Arguments for the program, after '--' (opto run 04 -- --steps 5).",
            Arity = ArgumentArity.ZeroOrMore,
        };
        var command = new Command(
            "run",
            $"Run an example or project (dotnet run) with ${RunStoreLocation.EnvironmentVariable} set to the run store, stream its output, then summarise the runs it recorded. Exits with the program's exit code.");
        command.Arguments.Add(target);
        command.Arguments.Add(forwarded);
        CommandActions.Set(command, context, async (parseResult, cancellationToken) =>
        {
            var project = ProjectLocator.Resolve(parseResult.GetValue(target)!, context.CurrentDirectory);
            var storePath = store.ResolvePath(parseResult, context);

            // A foreign or damaged store is reported before a possibly long build and run, not after.
            var before = RunSnapshot.Read(storePath);
            var spec = Compose(project, parseResult.GetValue(forwarded) ?? [], storePath, context.CurrentDirectory);
            int exitCode;
            var cancelled = false;
            try
            {
                exitCode = await context.Launcher.RunAsync(spec, cancellationToken).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                cancelled = true;
                exitCode = CommandActions.Cancelled;
            }

            // The program may have recorded its run as cancelled or failed: that is worth seeing too.
            WriteChangedRuns(context.Output, storePath, before);
            if (cancelled)
            {
                CommandActions.Report(context, "cancelled.");
            }
            else if (exitCode != 0)
            {
                CommandActions.Report(context, $"'{Path.GetFileName(project)}' exited with code {exitCode}.");
            }

            return exitCode;
        });
        return command;
    }

    /// <summary>The <c>dotnet run</c> command line and environment for a project.</summary>
    public static ProcessSpec Compose(string project, IReadOnlyList<string> programArguments, string storePath, string workingDirectory)
    {
        List<string> arguments = ["run", "--project", project];
        if (programArguments.Count > 0)
        {
            arguments.Add("--");
            arguments.AddRange(programArguments);
        }

        return new ProcessSpec(DotnetProgram, arguments, workingDirectory, new Dictionary<string, string> { [RunStoreLocation.EnvironmentVariable] = storePath });
    }

    private static void WriteChangedRuns(ReportConsole output, string storePath, IReadOnlyDictionary<string, RunSummary> before)
    {
        IReadOnlyDictionary<string, RunSummary> after;
        try
        {
            after = RunSnapshot.Read(storePath);
        }
        catch (RunStoreException ex)
        {
            output.WriteLine($"The run store could not be read after the run: {ex.Message}", CellStyle.Bad);
            return;
        }

        var changed = after.Values.Where(run => !before.TryGetValue(run.Key, out var old) || old != run).ToList();
        output.WriteLine();
        if (changed.Count == 0)
        {
            output.WriteLine($"No run was recorded or changed in {storePath}.", CellStyle.Dim);
            return;
        }

        using var runs = StoreOption.OpenExisting(storePath);
        foreach (var run in changed)
        {
            RunSummaryRenderer.Write(output, runs.GetRun(run.Key));
            output.WriteLine();
        }

        output.WriteLine($"Stored in {storePath}; see 'opto runs show <key>', 'opto lineage <key> <parameter>', 'opto plot <key>'.", CellStyle.Dim);
    }
}
