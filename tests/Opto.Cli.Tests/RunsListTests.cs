using Microsoft.Data.Sqlite;
using Opto.Cli.Tests.Infrastructure;
using Opto.Reporting;

namespace Opto.Cli.Tests;

public sealed class RunsListTests : StoreTest
{
    [Fact]
    public async Task Lists_every_run_with_status_steps_and_best_score()
    {
        var result = await Cli.RunAsync("runs", "list");

        Assert.Equal(0, result.ExitCode);
        var alpha = Assert.Single(result.OutLines, l => l.StartsWith("alpha ", StringComparison.Ordinal));
        Assert.Matches(@"^alpha\s+Completed\s+\S+ \S+\s+3\s+0\.700\s+minibatch\s+OptoPrime$", alpha);
        var beta = Assert.Single(result.OutLines, l => l.StartsWith("beta ", StringComparison.Ordinal));
        Assert.Matches(@"^beta\s+Running\s+\S+ \S+\s+1\s+0\.200\s+search\s+NumericSearch$", beta);
        Assert.Contains(result.OutLines, l => l.StartsWith("gamma ", StringComparison.Ordinal));
        Assert.Equal("", result.Error);
    }

    [Fact]
    public async Task Plain_output_has_no_box_drawing_and_rich_output_has_a_bordered_table()
    {
        var plain = await Cli.RunAsync("runs", "list");
        var rich = await new OptoRunner { CurrentDirectory = Folder.Path, Rich = true }.RunAsync("runs", "list");

        Assert.DoesNotContain(plain.Out, c => c is '│' or '─' or '╭' or '\u001b');
        Assert.Contains('╭', rich.Out);
        Assert.Contains("alpha", rich.Out);
    }

    [Fact]
    public async Task A_missing_store_is_one_error_line_and_exit_code_1()
    {
        var result = await Cli.RunAsync("runs", "list", "--db", "nowhere/runs.db");

        Assert.Equal(1, result.ExitCode);
        var line = Assert.Single(result.ErrorLines);
        Assert.StartsWith("opto: There is no run store at", line);
        Assert.Contains(Path.Combine(Folder.Path, "nowhere", "runs.db"), line);
        Assert.False(File.Exists(Folder.File("nowhere/runs.db")));
    }

    [Fact]
    public async Task A_sqlite_file_of_another_application_is_refused_with_the_store_message()
    {
        var foreign = Folder.File("other.db");
        using (var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = foreign, Pooling = false }.ToString()))
        {
            connection.Open();
            using var command = connection.CreateCommand();
            command.CommandText = "CREATE TABLE customers (id INTEGER);";
            command.ExecuteNonQuery();
        }

        var result = await Cli.RunAsync("runs", "list", "--db", foreign);

        Assert.Equal(1, result.ExitCode);
        var line = Assert.Single(result.ErrorLines);
        Assert.Contains("another application", line);
        Assert.Contains("customers", line);
    }

    [Fact]
    public async Task A_file_that_is_not_sqlite_is_refused()
    {
        var text = Folder.File("notes.db");
        await File.WriteAllTextAsync(text, new string('x', 4096));

        var result = await Cli.RunAsync("runs", "list", "--db", text);

        Assert.Equal(1, result.ExitCode);
        Assert.Contains("is not a SQLite database", Assert.Single(result.ErrorLines));
        Assert.Equal(new string('x', 4096), await File.ReadAllTextAsync(text));
    }

    [Fact]
    public async Task An_empty_file_is_refused_and_left_empty()
    {
        var empty = Folder.File("empty.db");
        await File.WriteAllBytesAsync(empty, []);

        var result = await Cli.RunAsync("runs", "list", "--db", empty);

        Assert.Equal(1, result.ExitCode);
        Assert.Contains("empty file", result.Error);
        Assert.Equal(0, new FileInfo(empty).Length);
    }

    [Fact]
    public async Task The_environment_variable_names_the_store_and_db_wins_over_it()
    {
        using var other = new TempDirectory();
        var elsewhere = other.File("runs.db");
        using (Runs.RunStore.Open(elsewhere))
        {
        }

        var fromEnvironment = new OptoRunner { CurrentDirectory = other.Path, Environment = { [RunStoreLocation.EnvironmentVariable] = StorePath } };
        var viaEnv = await fromEnvironment.RunAsync("runs", "list");
        var viaOption = await fromEnvironment.RunAsync("runs", "list", "--db", elsewhere);

        Assert.Contains(viaEnv.OutLines, l => l.StartsWith("alpha ", StringComparison.Ordinal));
        Assert.Equal($"No runs in '{elsewhere}'.", viaOption.Out.Trim());
    }

    [Theory]
    [InlineData("runs", "list")]
    [InlineData("runs", "show")]
    [InlineData("runs", "diff")]
    [InlineData("runs", "export")]
    [InlineData("lineage")]
    [InlineData("graph")]
    [InlineData("plot")]
    [InlineData("run")]
    public async Task Every_command_has_help_with_the_db_option(params string[] command)
    {
        var result = await Cli.RunAsync([.. command, "--help"]);

        Assert.Equal(0, result.ExitCode);
        Assert.Contains("Usage:", result.Out);
        Assert.Contains("--db <path>", result.Out);
    }
}
