using System.Security.Cryptography;
using Microsoft.Data.Sqlite;

namespace Opto.Runs.Tests;

public sealed class StoreFileTests : IDisposable
{
    private readonly TempDirectory _temp = new();

    public void Dispose() => _temp.Dispose();

    [Fact]
    public void A_project_store_is_created_under_dot_opto_with_wal_and_the_current_schema()
    {
        using (var store = RunStore.OpenForProject(_temp.Path))
        {
            Assert.Equal(System.IO.Path.Combine(_temp.Path, ".opto", "runs.db"), store.Path);
        }

        using var connection = Raw(System.IO.Path.Combine(_temp.Path, ".opto", "runs.db"));
        Assert.Equal("wal", Scalar(connection, "PRAGMA journal_mode;"));
        Assert.Equal(1L, Scalar(connection, "SELECT MAX(version) FROM opto_runs_schema;"));
        Assert.Equal(1L, Scalar(connection, "SELECT COUNT(*) FROM sqlite_schema WHERE name = 'parameter_versions';"));
    }

    [Fact]
    public async Task Reopening_a_store_keeps_its_runs_and_does_not_migrate_twice()
    {
        var path = _temp.File("runs.db");
        using (var store = RunStore.Open(path))
        {
            await TestRuns.DriveAsync(store.OpenJournal(), 2);
        }

        using (var store = RunStore.Open(path))
        {
            Assert.Equal(2, Assert.Single(store.ListRuns()).Steps);
        }

        using var connection = Raw(path);
        Assert.Equal(1L, Scalar(connection, "SELECT COUNT(*) FROM opto_runs_schema;"));
    }

    [Fact]
    public void Stores_opened_at_once_on_a_new_file_create_the_schema_once()
    {
        var path = _temp.File("shared.db");

        Parallel.For(0, 4, _ => RunStore.Open(path).Dispose());

        using var connection = Raw(path);
        Assert.Equal(1L, Scalar(connection, "SELECT COUNT(*) FROM opto_runs_schema;"));
    }

    [Fact]
    public async Task A_second_store_on_the_same_file_reads_what_the_first_one_wrote_while_it_is_open()
    {
        var path = _temp.File("runs.db");
        using var writer = RunStore.Open(path);
        var journal = writer.OpenJournal();
        await journal.BeginAsync(TestRuns.Start("live"));
        await journal.RecordStepAsync(TestRuns.Step(1, 0.6));

        using var reader = RunStore.Open(path, createIfMissing: false);

        Assert.Equal(1, reader.FindRun("live")!.Steps);
    }

    [Fact]
    public void Garbage_bytes_are_refused_with_the_path_and_left_untouched()
    {
        var path = _temp.File("garbage.db");
        var bytes = new byte[4096];
        new Random(3).NextBytes(bytes);
        File.WriteAllBytes(path, bytes);

        var error = Assert.Throws<RunStoreException>(() => RunStore.Open(path));

        Assert.Contains(path, error.Message);
        Assert.Contains("not a SQLite database", error.Message);
        Assert.Equal(bytes, File.ReadAllBytes(path));
        Assert.False(File.Exists(path + "-wal"));
    }

    [Fact]
    public void A_sqlite_file_of_another_application_is_refused_by_name_and_left_untouched()
    {
        var path = _temp.File("other.db");
        using (var connection = Raw(path))
        {
            Execute(connection, "CREATE TABLE customers (id INTEGER PRIMARY KEY, name TEXT); INSERT INTO customers (name) VALUES ('Ada');");
        }

        var before = Hash(path);

        var error = Assert.Throws<RunStoreException>(() => RunStore.Open(path));

        Assert.Contains(path, error.Message);
        Assert.Contains("another application", error.Message);
        Assert.Contains("customers", error.Message);
        Assert.Equal(before, Hash(path));
    }

    [Fact]
    public void A_store_of_a_newer_schema_version_is_refused_and_left_untouched()
    {
        var path = _temp.File("newer.db");
        RunStore.Open(path).Dispose();
        using (var connection = Raw(path))
        {
            Execute(connection, "INSERT INTO opto_runs_schema (version, applied_at) VALUES (2, 'later'); PRAGMA wal_checkpoint(TRUNCATE);");
        }

        var before = Hash(path);

        var error = Assert.Throws<RunStoreException>(() => RunStore.Open(path));

        Assert.Contains(path, error.Message);
        Assert.Contains("schema version 2", error.Message);
        Assert.Contains("reads schema versions 1 to 1", error.Message);
        Assert.Equal(before, Hash(path));
    }

    [Fact]
    public void A_missing_file_is_an_error_when_the_caller_only_reads_and_nothing_is_created()
    {
        var path = _temp.File("missing/runs.db");

        var error = Assert.Throws<RunStoreException>(() => RunStore.Open(path, createIfMissing: false));

        Assert.Contains(path, error.Message);
        Assert.False(File.Exists(path));
    }

    [Fact]
    public void An_empty_file_becomes_a_store()
    {
        var path = _temp.File("empty.db");
        File.WriteAllBytes(path, []);

        using var store = RunStore.Open(path);

        Assert.Empty(store.ListRuns());
    }

    private static SqliteConnection Raw(string path)
    {
        var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = path, Pooling = false }.ToString());
        connection.Open();
        return connection;
    }

    private static object? Scalar(SqliteConnection connection, string sql)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        return command.ExecuteScalar();
    }

    private static void Execute(SqliteConnection connection, string sql)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }

    private static string Hash(string path) => Convert.ToHexString(SHA256.HashData(File.ReadAllBytes(path)));
}
