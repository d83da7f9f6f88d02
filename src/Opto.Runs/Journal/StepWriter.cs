using Microsoft.Data.Sqlite;
using Opto.Trainer.Runs;

namespace Opto.Runs.Journal;

/// <summary>Writes the rows of one step (or of a run's start) inside a transaction the caller owns.</summary>
internal static class StepWriter
{
    private const string InsertStepSql = """
        INSERT INTO steps (run_id, number, score, validation_score, state_json, note, completed_at, duration_ms)
        VALUES ($run, $number, $score, $validation, $state, $note, $completed, $duration)
        RETURNING id;
        """;

    private const string InsertExampleSql = """
        INSERT INTO example_scores (step_id, ordinal, example_id, score, feedback, error)
        VALUES ($step, $ordinal, $example, $score, $feedback, $error);
        """;

    private const string InsertLlmCallSql = """
        INSERT INTO llm_calls (step_id, ordinal, purpose, model, input_tokens, output_tokens, latency_ms, cost, cassette_key, request_json, response)
        VALUES ($step, $ordinal, $purpose, $model, $input, $output, $latency, $cost, $cassette, $request, $response);
        """;

    private const string InsertGraphSql = "INSERT INTO graphs (step_id, dot) VALUES ($step, $dot);";

    private const string InsertParameterSql = """
        INSERT INTO parameters (run_id, name, ordinal)
        VALUES ($run, $name, (SELECT COALESCE(MAX(ordinal) + 1, 0) FROM parameters WHERE run_id = $run))
        RETURNING id;
        """;

    private const string InsertVersionSql = """
        INSERT INTO parameter_versions (parameter_id, step, type_name, value_json, version, is_code, feedback, reason)
        VALUES ($parameter, $step, $type, $value, $version, $code, $feedback, $reason);
        """;

    /// <summary>Writes a run's parameters as they were before its first step (step 0).</summary>
    public static void WriteInitialParameters(SqliteConnection connection, SqliteTransaction transaction, long runId, IReadOnlyList<ParameterSnapshot> parameters)
    {
        foreach (var parameter in parameters)
        {
            var parameterId = InsertParameter(connection, transaction, runId, parameter.Name);
            InsertVersion(connection, transaction, parameterId, 0, parameter, change: null);
        }
    }

    /// <summary>Writes a step: its row, examples, LLM calls, graph, and a new version of each parameter it changed.</summary>
    public static void WriteStep(SqliteConnection connection, SqliteTransaction transaction, long runId, StepRecord record, CancellationToken cancellationToken)
    {
        long stepId;
        using (var command = connection.Command(InsertStepSql, transaction))
        {
            command.With("$run", runId).With("$number", record.Number).With("$score", record.Score)
                .With("$validation", record.ValidationScore).With("$state", record.StateJson).With("$note", record.Note)
                .With("$completed", Timestamps.Write(record.CompletedAt)).With("$duration", record.Duration.TotalMilliseconds);
            stepId = (long)command.ExecuteScalar()!;
        }

        for (var i = 0; i < record.Examples.Count; i++)
        {
            var example = record.Examples[i];
            using var command = connection.Command(InsertExampleSql, transaction);
            command.With("$step", stepId).With("$ordinal", i).With("$example", example.ExampleId).With("$score", example.Score)
                .With("$feedback", example.Feedback).With("$error", example.Error).ExecuteNonQuery();
        }

        cancellationToken.ThrowIfCancellationRequested();
        for (var i = 0; i < record.LlmCalls.Count; i++)
        {
            var call = record.LlmCalls[i];
            using var command = connection.Command(InsertLlmCallSql, transaction);
            command.With("$step", stepId).With("$ordinal", i).With("$purpose", call.Purpose).With("$model", call.Model)
                .With("$input", call.InputTokens).With("$output", call.OutputTokens).With("$latency", call.Latency?.TotalMilliseconds)
                .With("$cost", call.Cost.ToDecimalText()).With("$cassette", call.CassetteKey).With("$request", call.RequestJson)
                .With("$response", call.Response).ExecuteNonQuery();
        }

        if (record.GraphDot is not null)
        {
            using var command = connection.Command(InsertGraphSql, transaction);
            command.With("$step", stepId).With("$dot", record.GraphDot).ExecuteNonQuery();
        }

        cancellationToken.ThrowIfCancellationRequested();
        WriteParameterVersions(connection, transaction, runId, record);
    }

    private static void WriteParameterVersions(SqliteConnection connection, SqliteTransaction transaction, long runId, StepRecord record)
    {
        var previous = StoredParameters.AtStep(connection, runId, record.Number - 1, transaction)
            .ToDictionary(p => p.Snapshot.Name, StringComparer.Ordinal);
        var changes = record.Changes.ToDictionary(c => c.Name, StringComparer.Ordinal);
        foreach (var parameter in record.Parameters)
        {
            // A version is written when the step says it changed the parameter, or when the snapshot shows it did
            // even though no change was reported: the snapshot is what a resume starts from, so it must be kept.
            changes.TryGetValue(parameter.Name, out var change);
            if (previous.TryGetValue(parameter.Name, out var before))
            {
                if (change is null && SameVersion(before.Snapshot, parameter))
                {
                    continue;
                }

                InsertVersion(connection, transaction, before.ParameterId, record.Number, parameter, change);
            }
            else
            {
                var parameterId = InsertParameter(connection, transaction, runId, parameter.Name);
                InsertVersion(connection, transaction, parameterId, record.Number, parameter, change);
            }
        }
    }

    private static bool SameVersion(ParameterSnapshot before, ParameterSnapshot after) =>
        before.Version == after.Version
        && before.IsCode == after.IsCode
        && string.Equals(before.TypeName, after.TypeName, StringComparison.Ordinal)
        && string.Equals(before.ValueJson, after.ValueJson, StringComparison.Ordinal);

    private static long InsertParameter(SqliteConnection connection, SqliteTransaction transaction, long runId, string name)
    {
        using var command = connection.Command(InsertParameterSql, transaction).With("$run", runId).With("$name", name);
        return (long)command.ExecuteScalar()!;
    }

    private static void InsertVersion(
        SqliteConnection connection, SqliteTransaction transaction, long parameterId, int step, ParameterSnapshot parameter, ParameterChange? change)
    {
        using var command = connection.Command(InsertVersionSql, transaction);
        command.With("$parameter", parameterId).With("$step", step).With("$type", parameter.TypeName).With("$value", parameter.ValueJson)
            .With("$version", parameter.Version).With("$code", parameter.IsCode ? 1 : 0).With("$feedback", change?.Feedback)
            .With("$reason", change?.Reason).ExecuteNonQuery();
    }
}
