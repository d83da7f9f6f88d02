using System.CommandLine;
using Opto.Cli.Processes;
using Opto.Reporting.Tables;

namespace Opto.Cli.Commands;

/// <summary>
/// <c>opto graph &lt;key&gt; &lt;step&gt; [-o file] [--svg]</c>: the traced graph kept for a step, as DOT, or as SVG through
/// Graphviz when it is installed.
/// </summary>
internal static class GraphCommand
{
    public const string DotProgram = "dot";

    public static Command Create(CliContext context, StoreOption store)
    {
        var key = new Argument<string>("key") { Description = "The run's key." };
        var step = new Argument<int>("step") { Description = "The step's number, from 1." };
        var output = new Option<string?>("--output", "-o")
        {
            Description = "The file to write (.dot, or .svg to render it); the DOT goes to standard output when left out.",
            HelpName = "file",
        };
        var svg = new Option<bool>("--svg") { Description = "Render SVG with Graphviz 'dot' (the .dot is written instead when dot is not installed)." };
        var command = new Command("graph", "Write the graph kept for a step of a run, as DOT or (with Graphviz) as SVG.");
        command.Arguments.Add(key);
        command.Arguments.Add(step);
        command.Options.Add(output);
        command.Options.Add(svg);
        CommandActions.Set(command, context, async (parseResult, cancellationToken) =>
        {
            var runKey = parseResult.GetValue(key)!;
            var number = parseResult.GetValue(step);
            string dot;
            using (var runs = store.OpenExisting(parseResult, context))
            {
                dot = runs.GetGraphDot(runKey, number) ?? throw NoGraph(runs.GetRun(runKey), number);
            }

            var path = parseResult.GetValue(output) is { } given ? Path.GetFullPath(given, context.CurrentDirectory) : null;
            var wantSvg = parseResult.GetValue(svg) || (path?.EndsWith(".svg", StringComparison.OrdinalIgnoreCase) ?? false);
            if (!wantSvg)
            {
                if (path is null)
                {
                    context.Output.WriteRaw(dot.EndsWith('\n') ? dot : dot + "\n");
                }
                else
                {
                    context.Output.WriteLine($"Wrote the graph of step {number} to {FileNames.WriteText(path, dot)}");
                }

                return CommandActions.Success;
            }

            var svgPath = path is null || !path.EndsWith(".svg", StringComparison.OrdinalIgnoreCase)
                ? Path.ChangeExtension(path ?? Path.Combine(context.CurrentDirectory, $"{FileNames.FromKey(runKey)}-step{number}"), ".svg")
                : path;
            return await RenderSvgAsync(context, dot, svgPath, number, cancellationToken).ConfigureAwait(false);
        });
        return command;
    }

    private static async Task<int> RenderSvgAsync(CliContext context, string dot, string svgPath, int step, CancellationToken cancellationToken)
    {
        var dotPath = Path.ChangeExtension(svgPath, ".dot");
        var program = context.Executables.Find(DotProgram);
        if (program is null)
        {
            FileNames.WriteText(dotPath, dot);
            CommandActions.Report(context, $"Graphviz '{DotProgram}' was not found on PATH, so no SVG was made; wrote the DOT to {dotPath} instead (install graphviz, or open it in any DOT viewer).");
            return CommandActions.Success;
        }

        // Graphviz reads a file rather than standard input, which the launcher leaves to the terminal.
        var input = dotPath + ".tmp";
        FileNames.WriteText(input, dot);
        try
        {
            var spec = new ProcessSpec(program, ["-Tsvg", input, "-o", svgPath], context.CurrentDirectory, new Dictionary<string, string>());
            var exitCode = await context.Launcher.RunAsync(spec, cancellationToken).ConfigureAwait(false);
            if (exitCode != 0)
            {
                throw new CliException($"'{DotProgram}' failed with exit code {exitCode} while rendering step {step}.");
            }
        }
        finally
        {
            File.Delete(input);
        }

        context.Output.WriteLine($"Wrote the graph of step {step} to {svgPath}", CellStyle.Normal);
        return CommandActions.Success;
    }

    private static CliException NoGraph(Runs.RunDetails run, int step)
    {
        var withGraphs = run.Steps.Where(s => s.HasGraph).Select(s => s.Number).ToList();
        var which = withGraphs.Count == 0 ? "no step of it kept one" : $"steps with a graph: {string.Join(", ", withGraphs)}";
        return new CliException($"Run '{run.Summary.Key}' kept no graph for step {step}; {which}.");
    }
}
