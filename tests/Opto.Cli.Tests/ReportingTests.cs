using Opto.Cli.Tests.Infrastructure;
using Opto.Reporting;
using Opto.Reporting.Progress;
using Opto.Reporting.Tables;
using Opto.Runs;
using Spectre.Console;

namespace Opto.Cli.Tests;

public sealed class ReportingTests
{
    [Fact]
    public void The_store_location_prefers_the_explicit_path_then_the_environment_then_the_default()
    {
        Assert.Equal("/a/explicit.db", RunStoreLocation.Resolve("explicit.db", "/a", "/b/env.db"));
        Assert.Equal("/b/env.db", RunStoreLocation.Resolve(null, "/a", "/b/env.db"));
        Assert.Equal("/a/rel/env.db", RunStoreLocation.Resolve(" ", "/a", "rel/env.db"));
        Assert.Equal(RunStore.DefaultPath("/a"), RunStoreLocation.Resolve(null, "/a", ""));
        Assert.Equal("OPTO_RUNS_DB", RunStoreLocation.EnvironmentVariable);
    }

    [Theory]
    [InlineData("\"plain text\"", "plain text")]
    [InlineData("\"two\\nlines\"", "two\nlines")]
    [InlineData("0.5", "0.5")]
    [InlineData("{ \"a\" : [1, 2] }", "{\"a\":[1,2]}")]
    [InlineData("not json", "not json")]
    public void Values_read_as_text(string json, string expected) => Assert.Equal(expected, ReportFormat.Value(json));

    [Fact]
    public void Shortening_makes_one_line_and_marks_the_cut()
    {
        Assert.Equal("a b c", ReportFormat.Shorten("a\n  b\tc", 10));
        Assert.Equal("abcdefghi…", ReportFormat.Shorten("abcdefghijklmnop", 10));
        Assert.Equal(10, ReportFormat.Shorten(new string('x', 50), 10).Length);
        Assert.Equal("-", ReportFormat.Score(null));
        Assert.Equal("0.713", ReportFormat.Score(0.71349));
    }

    [Fact]
    public void A_plain_table_aligns_columns_and_keeps_cells_on_one_line()
    {
        var output = new StringWriter();
        var table = new ReportTable(new ReportColumn("name"), new ReportColumn("score", AlignRight: true)) { Title = "Scores" };
        table.AddRow("first", "0.5").AddRow("a\nlonger name", "10.25");

        ReportConsole.Plain(output).WriteTable(table);

        Assert.Equal(
            ["Scores", "name           score", "-------------  -----", "first            0.5", "a longer name  10.25", ""],
            output.ToString().ReplaceLineEndings("\n").Split('\n'));
    }

    [Fact]
    public void Rich_text_is_never_read_as_markup()
    {
        var output = new StringWriter();
        var console = AnsiConsole.Create(new AnsiConsoleSettings
        {
            Out = new AnsiConsoleOutput(output),
            Ansi = AnsiSupport.No,
            Interactive = InteractionSupport.Yes,
            ColorSystem = ColorSystemSupport.NoColors,
        });
        var report = new ReportConsole(console, output);

        report.WriteLine("key [red]x[/] and [unclosed", CellStyle.Changed);
        report.WriteTable(new ReportTable(new ReportColumn("[bold]")).AddRow(new ReportCell("[/]", CellStyle.Bad)));

        Assert.Contains("key [red]x[/] and [unclosed", output.ToString());
        Assert.Contains("[bold]", output.ToString());
        Assert.Contains("[/]", output.ToString());
    }

    [Fact]
    public void A_row_must_fill_every_column()
    {
        var table = new ReportTable(new ReportColumn("a"), new ReportColumn("b"));

        Assert.Throws<ArgumentException>(() => table.AddRow("only one"));
    }

    [Fact]
    public void Plain_progress_writes_one_line_per_update()
    {
        var output = new StringWriter();
        using (var progress = ConsoleProgress.Create(ReportConsole.Plain(output)))
        {
            progress.Report(new ProgressUpdate(1, 10, 0.5));
            progress.Report(new ProgressUpdate(3, 10, 0.71, 0.65, "changed\nprompt"));
            progress.Report(new ProgressUpdate(4));
        }

        Assert.Equal(
            ["step 1/10 score 0.500", "step 3/10 score 0.710 validation 0.650 - changed prompt", "step 4", ""],
            output.ToString().ReplaceLineEndings("\n").Split('\n'));
    }

    [Fact]
    public void Live_progress_draws_a_bar_on_an_interactive_console()
    {
        var output = new StringWriter();
        var console = AnsiConsole.Create(new AnsiConsoleSettings
        {
            Out = new AnsiConsoleOutput(output),
            Ansi = AnsiSupport.Yes,
            Interactive = InteractionSupport.Yes,
            ColorSystem = ColorSystemSupport.Standard,
        });
        var report = new ReportConsole(console, output);
        Assert.True(report.IsRich);

        using (var progress = ConsoleProgress.Create(report, "tuning"))
        {
            progress.Report(new ProgressUpdate(1, 2, 0.25));
            progress.Report(new ProgressUpdate(2, 2, 0.75));
        }

        var text = output.ToString();
        Assert.Contains("tuning: step 2/2 score 0.750", text);
        Assert.Contains("100%", text);
    }

    [Fact]
    public async Task The_run_summary_renders_to_a_plain_writer()
    {
        using var folder = new TempDirectory();
        var path = await SampleStore.CreateAsync(folder.File("runs.db"));
        using var store = RunStore.Open(path, createIfMissing: false);
        var output = new StringWriter();

        RunSummaryRenderer.Write(output, store.GetRun("beta"));

        var text = output.ToString();
        Assert.Contains("Run beta: search with NumericSearch, Running", text);
        Assert.Matches(@"(?m)^temperature\s+1\s+0\.7\s+0\.9$", text);
        Assert.DoesNotContain("ended because", text);
    }

    [Fact]
    public async Task The_score_plot_refuses_a_curve_without_scores()
    {
        using var folder = new TempDirectory();
        await Task.Yield();

        Assert.Throws<ArgumentException>(() => Reporting.Plots.ScoreCurvePlot.SavePng([new ScorePoint(1, null, null)], folder.File("x.png")));
        Assert.False(File.Exists(folder.File("x.png")));
    }
}
