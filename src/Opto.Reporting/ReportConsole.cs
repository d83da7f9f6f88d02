using Opto.Reporting.Tables;
using Spectre.Console;

namespace Opto.Reporting;

/// <summary>
/// Where a report goes. In a terminal (a rich console) text is styled and tables have borders; when output is
/// redirected to a file or a pipe, everything is written as plain lines to <see cref="PlainOutput"/>, which reads well
/// in a log and never wraps or redraws.
/// </summary>
public sealed class ReportConsole
{
    /// <summary>Creates a report console.</summary>
    /// <param name="console">The Spectre console used when output is rich.</param>
    /// <param name="plainOutput">Where plain lines (and raw text such as JSON) go.</param>
    /// <param name="isRich">
    /// Whether to style output; by default, whether <paramref name="console"/> is interactive (Spectre's
    /// <c>Profile.Capabilities.Interactive</c>).
    /// </param>
    public ReportConsole(IAnsiConsole console, TextWriter plainOutput, bool? isRich = null)
    {
        ArgumentNullException.ThrowIfNull(console);
        ArgumentNullException.ThrowIfNull(plainOutput);
        Console = console;
        PlainOutput = plainOutput;
        IsRich = isRich ?? console.Profile.Capabilities.Interactive;
    }

    /// <summary>The Spectre console for rich output.</summary>
    public IAnsiConsole Console { get; }

    /// <summary>Where plain lines and raw text go.</summary>
    public TextWriter PlainOutput { get; }

    /// <summary>Whether output is styled for a terminal.</summary>
    public bool IsRich { get; }

    /// <summary>
    /// The console of this process: rich when standard output is an interactive terminal, plain when it is redirected.
    /// </summary>
    /// <returns>The report console.</returns>
    public static ReportConsole ForProcess() =>
        new(AnsiConsole.Console, System.Console.Out, AnsiConsole.Profile.Capabilities.Interactive && !System.Console.IsOutputRedirected);

    /// <summary>A plain report console over a writer (a log, a file, a test's buffer).</summary>
    /// <param name="writer">Where everything goes.</param>
    /// <returns>The report console.</returns>
    public static ReportConsole Plain(TextWriter writer)
    {
        ArgumentNullException.ThrowIfNull(writer);
        var console = AnsiConsole.Create(new AnsiConsoleSettings
        {
            Out = new AnsiConsoleOutput(writer),
            Ansi = AnsiSupport.No,
            ColorSystem = ColorSystemSupport.NoColors,
            Interactive = InteractionSupport.No,
        });
        return new ReportConsole(console, writer, isRich: false);
    }

    /// <summary>Writes a line of text (never read as markup).</summary>
    /// <param name="text">The text.</param>
    /// <param name="style">What it means.</param>
    public void WriteLine(string text, CellStyle style = CellStyle.Normal)
    {
        ArgumentNullException.ThrowIfNull(text);
        if (IsRich)
        {
            Console.Write(new Text(text, SpectreTableBuilder.StyleOf(style)));
            Console.WriteLine();
        }
        else
        {
            PlainOutput.WriteLine(text);
        }
    }

    /// <summary>Writes an empty line.</summary>
    public void WriteLine()
    {
        if (IsRich)
        {
            Console.WriteLine();
        }
        else
        {
            PlainOutput.WriteLine();
        }
    }

    /// <summary>Writes a table: bordered when rich, aligned plain columns otherwise.</summary>
    /// <param name="table">The table.</param>
    public void WriteTable(ReportTable table)
    {
        ArgumentNullException.ThrowIfNull(table);
        if (IsRich)
        {
            Console.Write(SpectreTableBuilder.Build(table));
        }
        else
        {
            PlainTableWriter.Write(PlainOutput, table);
        }
    }

    /// <summary>Writes text exactly as it is (JSON, DOT), bypassing styling and wrapping in both modes.</summary>
    /// <param name="text">The text.</param>
    public void WriteRaw(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        PlainOutput.Write(text);
        PlainOutput.Flush();
    }
}
