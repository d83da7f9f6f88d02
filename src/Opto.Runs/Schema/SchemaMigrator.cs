using System.Globalization;
using Microsoft.Data.Sqlite;

namespace Opto.Runs.Schema;

/// <summary>
/// Recognises a run store, refuses anything else before writing a byte, and brings an older store up to
/// <see cref="RunStore.CurrentSchemaVersion"/>.
/// </summary>
internal static class SchemaMigrator
{
    /// <summary>The table that marks a file as a run store and records each applied schema version.</summary>
    public const string VersionTable = "opto_runs_schema";

    // SQLITE_NOTADB and SQLITE_CORRUPT: the bytes are not a database SQLite can read.
    private const int NotADatabase = 26;
    private const int Corrupt = 11;

    /// <summary>Checks what the file holds, then creates or migrates the schema.</summary>
    /// <param name="connection">An open connection on the file.</param>
    /// <param name="path">The file, for messages.</param>
    public static void Prepare(SqliteConnection connection, string path)
    {
        // Reads only until the file is known to be ours (or empty): a foreign or damaged file is never touched.
        var tables = ReadTableNames(connection, path);
        var version = 0;
        if (tables.Count > 0)
        {
            if (!tables.Contains(VersionTable))
            {
                var shown = string.Join(", ", tables.Order(StringComparer.Ordinal).Take(8));
                throw new RunStoreException(
                    $"'{path}' is a SQLite database of another application, not an Opto run store (it has the tables {shown} " +
                    $"but no '{VersionTable}' table). Choose another path for the run store.");
            }

            version = ReadVersion(connection, transaction: null) ?? throw new RunStoreException(
                $"'{path}' has an empty '{VersionTable}' table, so its schema version is unknown; the file is damaged.");
            if (version > RunStore.CurrentSchemaVersion)
            {
                throw new RunStoreException(
                    $"'{path}' is a run store of schema version {version}, written by a newer version of Opto.Runs; this version " +
                    $"reads schema versions 1 to {RunStore.CurrentSchemaVersion}. Update Opto.Runs (or the opto tool) to open it.");
            }
        }

        Execute(connection, "PRAGMA journal_mode = WAL;");
        Execute(connection, "PRAGMA synchronous = FULL;");
        Execute(connection, "PRAGMA foreign_keys = ON;");

        if (version < RunStore.CurrentSchemaVersion)
        {
            Migrate(connection);
        }
    }

    private static HashSet<string> ReadTableNames(SqliteConnection connection, string path)
    {
        try
        {
            using var command = connection.CreateCommand();
            command.CommandText = "SELECT name FROM sqlite_schema WHERE type = 'table' AND name NOT LIKE 'sqlite\\_%' ESCAPE '\\';";
            using var reader = command.ExecuteReader();
            var names = new HashSet<string>(StringComparer.Ordinal);
            while (reader.Read())
            {
                names.Add(reader.GetString(0));
            }

            return names;
        }
        catch (SqliteException ex) when (ex.SqliteErrorCode is NotADatabase or Corrupt)
        {
            throw new RunStoreException(
                $"'{path}' is not a SQLite database (SQLite says: {ex.Message.TrimEnd('.')}). It may be damaged or another kind of file; " +
                "move it away or choose another path for the run store.", ex);
        }
    }

    private static int? ReadVersion(SqliteConnection connection, SqliteTransaction? transaction)
    {
        using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = $"SELECT MAX(version) FROM {VersionTable};";
        var value = command.ExecuteScalar();
        return value is null or DBNull ? null : Convert.ToInt32(value, CultureInfo.InvariantCulture);
    }

    private static bool TableExists(SqliteConnection connection, SqliteTransaction transaction)
    {
        using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = $"SELECT COUNT(*) FROM sqlite_schema WHERE type = 'table' AND name = '{VersionTable}';";
        return Convert.ToInt64(command.ExecuteScalar(), CultureInfo.InvariantCulture) > 0;
    }

    private static void Migrate(SqliteConnection connection)
    {
        // One transaction for all steps: a store is either at its old version or at the new one, never between.
        using var transaction = connection.BeginTransaction();

        // Another process may have created or migrated the store since this one looked; under the write lock, look again.
        var exists = TableExists(connection, transaction);
        var from = exists ? ReadVersion(connection, transaction) ?? 0 : 0;
        if (!exists)
        {
            Execute(connection, $"CREATE TABLE {VersionTable} (version INTEGER PRIMARY KEY, applied_at TEXT NOT NULL);", transaction);
        }

        for (var version = from + 1; version <= RunStore.CurrentSchemaVersion; version++)
        {
            Execute(connection, MigrationTo(version), transaction);
            using var mark = connection.CreateCommand();
            mark.Transaction = transaction;
            mark.CommandText = $"INSERT INTO {VersionTable} (version, applied_at) VALUES ($version, $at);";
            mark.Parameters.AddWithValue("$version", version);
            mark.Parameters.AddWithValue("$at", Timestamps.Write(DateTimeOffset.UtcNow));
            mark.ExecuteNonQuery();
        }

        transaction.Commit();
    }

    private static string MigrationTo(int version) => version switch
    {
        1 => SchemaV1.Sql,
        _ => throw new InvalidOperationException($"No migration to schema version {version} exists."),
    };

    private static void Execute(SqliteConnection connection, string sql, SqliteTransaction? transaction = null)
    {
        using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }
}
