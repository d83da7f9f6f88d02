using Microsoft.Data.Sqlite;
using Opto.Runs.Journal;
using Opto.Runs.Schema;
using Opto.Trainer.Runs;

namespace Opto.Runs;

/// <summary>
/// A SQLite file that holds training runs: their steps, every parameter version with the feedback and reason that
/// produced it, per-example scores, LLM calls and graph snapshots. Trainers write through <see cref="OpenJournal"/>;
/// tools read through the query methods. One store serves one project (by default <c>.opto/runs.db</c>).
/// </summary>
/// <remarks>
/// An instance holds one connection and serialises its callers, so it may be shared between threads. Several
/// processes may open the same file: SQLite's write-ahead log lets readers run while one writer writes.
/// </remarks>
public sealed partial class RunStore : IDisposable
{
    /// <summary>The newest schema version this library creates and reads.</summary>
    public const int CurrentSchemaVersion = 1;

    /// <summary>The folder, under a project's directory, that holds the default store.</summary>
    public const string DefaultDirectoryName = ".opto";

    /// <summary>The default store's file name.</summary>
    public const string DefaultFileName = "runs.db";

    private readonly SqliteConnection _connection;
    private readonly SemaphoreSlim _gate = new(1, 1);
    private bool _disposed;

    private RunStore(string path, SqliteConnection connection)
    {
        Path = path;
        _connection = connection;
    }

    /// <summary>The full path of the store's file.</summary>
    public string Path { get; }

    /// <summary>The default store path of a project: <c>{projectDirectory}/.opto/runs.db</c>.</summary>
    /// <param name="projectDirectory">The project's directory.</param>
    /// <returns>The path.</returns>
    public static string DefaultPath(string projectDirectory)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(projectDirectory);
        return System.IO.Path.Combine(System.IO.Path.GetFullPath(projectDirectory), DefaultDirectoryName, DefaultFileName);
    }

    /// <summary>Opens (or creates) the default store of a project, <c>{projectDirectory}/.opto/runs.db</c>.</summary>
    /// <param name="projectDirectory">The project's directory.</param>
    /// <returns>The open store.</returns>
    /// <exception cref="RunStoreException">The file exists but is not a run store this version can use.</exception>
    public static RunStore OpenForProject(string projectDirectory) => Open(DefaultPath(projectDirectory));

    /// <summary>Opens a store file, creating it (and its folder) when <paramref name="createIfMissing"/> allows, and
    /// migrating an older schema to <see cref="CurrentSchemaVersion"/>.</summary>
    /// <param name="path">The file.</param>
    /// <param name="createIfMissing">Whether a missing file is created; when <see langword="false"/> a missing file is an error (for tools that only read).</param>
    /// <returns>The open store.</returns>
    /// <exception cref="RunStoreException">
    /// The file is missing (and may not be created), is not a SQLite database, is a database of another application,
    /// or has a newer schema version. The file is not modified in any of these cases.
    /// </exception>
    public static RunStore Open(string path, bool createIfMissing = true)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        var full = System.IO.Path.GetFullPath(path);
        if (!File.Exists(full))
        {
            if (!createIfMissing)
            {
                throw new RunStoreException($"There is no run store at '{full}'.");
            }

            Directory.CreateDirectory(System.IO.Path.GetDirectoryName(full)!);
        }

        // No pooling: a disposed store really closes its file, so tests and tools can move or delete it at once.
        var connectionString = new SqliteConnectionStringBuilder
        {
            DataSource = full,
            Mode = createIfMissing ? SqliteOpenMode.ReadWriteCreate : SqliteOpenMode.ReadWrite,
            Pooling = false,
        }.ToString();

        var connection = new SqliteConnection(connectionString);
        try
        {
            connection.Open();
            SchemaMigrator.Prepare(connection, full);
            return new RunStore(full, connection);
        }
        catch (SqliteException ex)
        {
            connection.Dispose();
            throw new RunStoreException($"Cannot open the run store '{full}': {ex.Message}", ex);
        }
        catch
        {
            connection.Dispose();
            throw;
        }
    }

    /// <summary>
    /// Creates the journal a trainer writes one run through. It is bound to this store and valid while the store is open.
    /// </summary>
    /// <param name="options">What to do with an existing run of the same key; by default an unfinished run resumes and a finished one is an error.</param>
    /// <returns>The journal.</returns>
    public IRunJournal OpenJournal(RunJournalOptions? options = null)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        return new SqliteRunJournal(this, options ?? new RunJournalOptions());
    }

    /// <summary>Closes the file.</summary>
    public void Dispose()
    {
        if (_disposed)
        {
            return;
        }

        _disposed = true;
        _connection.Dispose();
        _gate.Dispose();
    }

    /// <summary>Runs <paramref name="work"/> alone on the connection.</summary>
    internal async ValueTask<T> UseAsync<T>(Func<SqliteConnection, ValueTask<T>> work, CancellationToken cancellationToken)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            return await work(_connection).ConfigureAwait(false);
        }
        catch (SqliteException ex)
        {
            throw Wrap(ex);
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <summary>Runs <paramref name="work"/> alone on the connection, synchronously (the queries).</summary>
    internal T Use<T>(Func<SqliteConnection, T> work)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        _gate.Wait();
        try
        {
            return work(_connection);
        }
        catch (SqliteException ex)
        {
            throw Wrap(ex);
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <summary>
    /// Runs the reads of one query in one read transaction, so that they all see the same committed steps even while
    /// a trainer in another process writes.
    /// </summary>
    internal T Read<T>(Func<SqliteConnection, T> work) => Use(connection =>
    {
        // Plain BEGIN/COMMIT rather than a SqliteTransaction: the readers' commands then need no transaction object.
        using (var begin = connection.Command("BEGIN DEFERRED;"))
        {
            begin.ExecuteNonQuery();
        }

        try
        {
            return work(connection);
        }
        finally
        {
            using var end = connection.Command("COMMIT;");
            end.ExecuteNonQuery();
        }
    });

    private RunStoreException Wrap(SqliteException ex) =>
        new($"The run store '{Path}' failed: {ex.Message}", ex);
}
