using System.CommandLine;
using Opto.Reporting.Plots;

namespace Opto.Cli.Commands;

/// <summary><c>opto plot &lt;key&gt; [-o file.png]</c>: the run's training and validation score per step as a PNG.</summary>
internal static class PlotCommand
{
    public static Command Create(CliContext context, StoreOption store)
    {
        var key = new Argument<string>("key") { Description = "The run's key." };
        var output = new Option<string?>("--output", "-o") { Description = "The PNG file to write. Default: <key>-scores.png in the current directory.", HelpName = "file" };
        var width = new Option<int>("--width") { Description = "Image width in pixels.", DefaultValueFactory = _ => 800 };
        var height = new Option<int>("--height") { Description = "Image height in pixels.", DefaultValueFactory = _ => 450 };
        var command = new Command("plot", "Plot a run's score and validation score per step as a PNG image.");
        command.Arguments.Add(key);
        command.Options.Add(output);
        command.Options.Add(width);
        command.Options.Add(height);
        CommandActions.Set(command, context, (parseResult, _) =>
        {
            var runKey = parseResult.GetValue(key)!;
            using var runs = store.OpenExisting(parseResult, context);
            var points = runs.GetScoreCurve(runKey);
            if (!points.Any(p => p.Score.HasValue || p.ValidationScore.HasValue))
            {
                throw new CliException($"Run '{runKey}' has no scored step to plot ({points.Count} step(s) recorded).");
            }

            var (w, h) = (parseResult.GetValue(width), parseResult.GetValue(height));
            if (w < 100 || h < 100)
            {
                throw new CliException("--width and --height must be at least 100 pixels.");
            }

            var path = Path.GetFullPath(parseResult.GetValue(output) ?? $"{FileNames.FromKey(runKey)}-scores.png", context.CurrentDirectory);
            var written = ScoreCurvePlot.SavePng(points, path, w, h, title: $"Run {runKey}");
            context.Output.WriteLine(written);
            return CommandActions.Success;
        });
        return command;
    }
}
