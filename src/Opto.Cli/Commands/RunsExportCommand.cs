using System.CommandLine;
using Opto.Runs;

namespace Opto.Cli.Commands;

/// <summary><c>opto runs export &lt;key&gt; [-o file]</c>: the whole run as one JSON document.</summary>
internal static class RunsExportCommand
{
    public static Command Create(CliContext context, StoreOption store)
    {
        var key = new Argument<string>("key") { Description = "The run's key." };
        var output = new Option<string?>("--output", "-o") { Description = "The JSON file to write; standard output when left out.", HelpName = "file" };
        var omitTimings = new Option<bool>("--omit-timings")
        {
            Description = "Leave out start, end and completion times, durations and latencies, so that two runs of a deterministic program export the same text.",
        };
        var command = new Command("export", "Export a run as JSON: the run, every version of every parameter, and every step with its examples, LLM calls and graph.");
        command.Arguments.Add(key);
        command.Options.Add(output);
        command.Options.Add(omitTimings);
        CommandActions.Set(command, context, (parseResult, _) =>
        {
            using var runs = store.OpenExisting(parseResult, context);
            var runKey = parseResult.GetValue(key)!;
            var options = new RunExportOptions { OmitTimings = parseResult.GetValue(omitTimings) };
            var path = parseResult.GetValue(output);
            if (path is null)
            {
                context.Output.WriteRaw(runs.ExportJson(runKey, options) + Environment.NewLine);
                return CommandActions.Success;
            }

            // Export into memory first: an unknown key must not leave an empty file behind.
            var json = runs.ExportJson(runKey, options);
            var written = FileNames.WriteText(Path.GetFullPath(path, context.CurrentDirectory), json + "\n");
            context.Output.WriteLine($"Wrote run '{runKey}' to {written}");
            return CommandActions.Success;
        });
        return command;
    }
}
