using Microsoft.Data.Sqlite;
using Opto.Trainer.Runs;

namespace Opto.Runs.Journal;

/// <summary>
/// The <see cref="IRunJournal"/> of a <see cref="RunStore"/>: one run, written step by step, each step in one transaction.
/// </summary>
internal sealed class SqliteRunJournal(RunStore store, RunJournalOptions options) : IRunJournal
{
    private const string FindRunSql = "SELECT id, status, algorithm, optimizer, settings_json FROM runs WHERE run_key = $key;";

    private const string InsertRunSql = """
        INSERT INTO runs (run_key, algorithm, optimizer, settings_json, status, started_at)
        VALUES ($key, $algorithm, $optimizer, $settings, $status, $started)
        RETURNING id;
        """;

    private const string LastStepSql = "SELECT number, state_json FROM steps WHERE run_id = $run ORDER BY number DESC LIMIT 1;";

    private const string RunStatusSql = "SELECT status FROM runs WHERE id = $run;";

    private const string CompleteSql = """
        UPDATE runs SET status = $status, ended_at = $ended, best_score = $best, end_message = $message
        WHERE id = $run AND status = $running;
        """;

    private long? _runId;
    private string _runKey = "";

    public ValueTask<ResumePoint?> BeginAsync(RunStart start, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(start);
        ArgumentException.ThrowIfNullOrWhiteSpace(start.RunKey);
        RunRecordChecks.RequireUniqueNames(start.Parameters, "RunStart.Parameters");
        if (_runId is not null)
        {
            throw new InvalidOperationException($"This journal already began run '{_runKey}'; open another journal for another run.");
        }

        return store.UseAsync(connection => ValueTask.FromResult(Begin(connection, start, cancellationToken)), cancellationToken);
    }

    public ValueTask RecordStepAsync(StepRecord record, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(record);
        RunRecordChecks.RequireValidStep(record);
        var runId = RequireBegun();
        return WithoutResult(store.UseAsync(connection => Record(connection, runId, record, cancellationToken), cancellationToken));
    }

    public ValueTask CompleteAsync(RunEnd outcome, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(outcome);
        if (outcome.Status == RunStatus.Running)
        {
            throw new ArgumentException("A run cannot complete with the status Running; pass how it ended (Completed, Stopped, …).", nameof(outcome));
        }

        var runId = RequireBegun();
        return WithoutResult(store.UseAsync(connection => ValueTask.FromResult(Complete(connection, runId, outcome, cancellationToken)), cancellationToken));
    }

    // The store's gate hands back a value; these two calls have none to give.
    private static async ValueTask WithoutResult(ValueTask<bool> task) => await task.ConfigureAwait(false);

    private long RequireBegun() =>
        _runId ?? throw new InvalidOperationException("Call BeginAsync before recording steps or completing the run.");

    private ResumePoint? Begin(SqliteConnection connection, RunStart start, CancellationToken cancellationToken)
    {
        // BEGIN IMMEDIATE: the check for an existing run and the insert of a new one cannot interleave with another process.
        using var transaction = connection.BeginTransaction();
        var existing = FindRun(connection, transaction, start.RunKey);
        if (existing is { } run)
        {
            if (options.ExistingRun == ExistingRunPolicy.Replace)
            {
                using var delete = connection.Command("DELETE FROM runs WHERE id = $run;", transaction).With("$run", run.Id);
                delete.ExecuteNonQuery();
            }
            else
            {
                var resume = Resume(connection, transaction, start, run);
                _runId = run.Id;
                _runKey = start.RunKey;
                return resume;
            }
        }

        long runId;
        using (var insert = connection.Command(InsertRunSql, transaction))
        {
            insert.With("$key", start.RunKey).With("$algorithm", start.Algorithm).With("$optimizer", start.Optimizer)
                .With("$settings", start.SettingsJson).With("$status", nameof(RunStatus.Running)).With("$started", Timestamps.Write(start.StartedAt));
            runId = (long)insert.ExecuteScalar()!;
        }

        StepWriter.WriteInitialParameters(connection, transaction, runId, start.Parameters);
        cancellationToken.ThrowIfCancellationRequested();
        transaction.Commit();
        _runId = runId;
        _runKey = start.RunKey;
        return null;
    }

    private static ResumePoint Resume(SqliteConnection connection, SqliteTransaction transaction, RunStart start, FoundRun run)
    {
        if (run.Status != RunStatus.Running)
        {
            throw new InvalidOperationException(
                $"Run '{start.RunKey}' already ended ({run.Status}) and cannot be resumed. Use another run key for a new run, " +
                "or open the journal with ExistingRunPolicy.Replace to delete it and start this key over.");
        }

        var initial = StoredParameters.AtStep(connection, run.Id, 0, transaction).Select(p => p.Snapshot).ToList();
        var differences = RunStartCheck.Differences(start, run.Algorithm, run.Optimizer, run.SettingsJson, initial);
        if (differences.Count > 0)
        {
            throw new InvalidOperationException(RunStartCheck.Describe(start.RunKey, differences));
        }

        var lastStep = 0;
        var state = "{}";
        using (var command = connection.Command(LastStepSql, transaction).With("$run", run.Id))
        using (var reader = command.ExecuteReader())
        {
            if (reader.Read())
            {
                lastStep = reader.GetInt32(0);
                state = reader.GetString(1);
            }
        }

        var parameters = StoredParameters.AtStep(connection, run.Id, lastStep, transaction).Select(p => p.Snapshot).ToList();
        return new ResumePoint(run.Id, lastStep, parameters, state);
    }

    private async ValueTask<bool> Record(SqliteConnection connection, long runId, StepRecord record, CancellationToken cancellationToken)
    {
        // The checks, every row of the step and the commit share one transaction: the step is stored whole or not at all.
        using var transaction = connection.BeginTransaction();
        RequireRunning(connection, transaction, runId, $"record step {record.Number}");
        var last = 0;
        using (var command = connection.Command(LastStepSql, transaction).With("$run", runId))
        using (var reader = command.ExecuteReader())
        {
            if (reader.Read())
            {
                last = reader.GetInt32(0);
            }
        }

        if (record.Number != last + 1)
        {
            var why = record.Number <= last ? $"step {record.Number} is already recorded" : $"steps {last + 1} to {record.Number - 1} are missing";
            throw new InvalidOperationException(
                $"Cannot record step {record.Number} of run '{_runKey}': {why}. The last recorded step is {last}, so the next must be {last + 1}.");
        }

        StepWriter.WriteStep(connection, transaction, runId, record, cancellationToken);
        if (options.BeforeCommit is { } beforeCommit)
        {
            await beforeCommit(record.Number, cancellationToken).ConfigureAwait(false);
        }

        // The last moment a cancellation may stop the step: after the commit it is durable and complete.
        cancellationToken.ThrowIfCancellationRequested();
        transaction.Commit();
        return true;
    }

    private bool Complete(SqliteConnection connection, long runId, RunEnd outcome, CancellationToken cancellationToken)
    {
        using var transaction = connection.BeginTransaction();
        RequireRunning(connection, transaction, runId, "complete it");
        using (var command = connection.Command(CompleteSql, transaction))
        {
            command.With("$status", outcome.Status.ToString()).With("$ended", Timestamps.Write(DateTimeOffset.UtcNow))
                .With("$best", outcome.BestScore).With("$message", outcome.Message).With("$run", runId)
                .With("$running", nameof(RunStatus.Running)).ExecuteNonQuery();
        }

        cancellationToken.ThrowIfCancellationRequested();
        transaction.Commit();
        return true;
    }

    private void RequireRunning(SqliteConnection connection, SqliteTransaction transaction, long runId, string action)
    {
        using var command = connection.Command(RunStatusSql, transaction).With("$run", runId);
        var status = command.ExecuteScalar() as string;
        if (status is null)
        {
            throw new InvalidOperationException($"Cannot {action}: run '{_runKey}' is no longer in the store (was it replaced by another process?).");
        }

        if (status != nameof(RunStatus.Running))
        {
            throw new InvalidOperationException($"Cannot {action}: run '{_runKey}' already ended ({status}).");
        }
    }

    private static FoundRun? FindRun(SqliteConnection connection, SqliteTransaction transaction, string runKey)
    {
        using var command = connection.Command(FindRunSql, transaction).With("$key", runKey);
        using var reader = command.ExecuteReader();
        if (!reader.Read())
        {
            return null;
        }

        return new FoundRun(reader.GetInt64(0), RunStatusText.Parse(reader.GetString(1)), reader.GetString(2), reader.GetString(3), reader.GetString(4));
    }

    private sealed record FoundRun(long Id, RunStatus Status, string Algorithm, string Optimizer, string SettingsJson);
}
