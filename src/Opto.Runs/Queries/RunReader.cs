using Microsoft.Data.Sqlite;
using Opto.Runs.Journal;
using Opto.Trainer.Runs;

namespace Opto.Runs.Queries;

/// <summary>A run's row: its id and listing line, and the columns only a detailed view needs.</summary>
internal sealed record RunRow(long Id, RunSummary Summary, string SettingsJson, string? EndMessage);

/// <summary>The reads behind the store's queries, each on a connection the caller holds.</summary>
internal static class RunReader
{
    private const string RunsSql = """
        SELECT r.id, r.run_key, r.algorithm, r.optimizer, r.status, r.started_at, r.ended_at,
               (SELECT COUNT(*) FROM steps s WHERE s.run_id = r.id),
               COALESCE(r.best_score,
                        (SELECT MAX(validation_score) FROM steps s WHERE s.run_id = r.id),
                        (SELECT MAX(score) FROM steps s WHERE s.run_id = r.id)),
               r.settings_json, r.end_message
        FROM runs r
        WHERE $key IS NULL OR r.run_key = $key
        ORDER BY r.started_at, r.id;
        """;

    private const string StepsSql = """
        SELECT s.id, s.number, s.score, s.validation_score, s.state_json, s.note, s.completed_at, s.duration_ms,
               (SELECT COUNT(*) FROM example_scores e WHERE e.step_id = s.id),
               (SELECT COUNT(*) FROM llm_calls c WHERE c.step_id = s.id),
               (SELECT COALESCE(SUM(c.input_tokens), 0) FROM llm_calls c WHERE c.step_id = s.id),
               (SELECT COALESCE(SUM(c.output_tokens), 0) FROM llm_calls c WHERE c.step_id = s.id),
               EXISTS (SELECT 1 FROM graphs g WHERE g.step_id = s.id)
        FROM steps s
        WHERE s.run_id = $run AND ($number IS NULL OR s.number = $number)
        ORDER BY s.number;
        """;

    // Costs are summed here rather than in SQL, which would turn the exact decimal text into floating point.
    private const string CostsSql = """
        SELECT s.number, c.cost FROM llm_calls c JOIN steps s ON s.id = c.step_id
        WHERE s.run_id = $run AND c.cost IS NOT NULL;
        """;

    private const string VersionsSql = """
        SELECT p.name, v.step, v.type_name, v.value_json, v.version, v.is_code, v.feedback, v.reason
        FROM parameter_versions v JOIN parameters p ON p.id = v.parameter_id
        WHERE p.run_id = $run AND ($name IS NULL OR p.name = $name)
        ORDER BY p.ordinal, v.step;
        """;

    private const string ExamplesSql = """
        SELECT example_id, score, feedback, error FROM example_scores WHERE step_id = $step ORDER BY ordinal;
        """;

    private const string LlmCallsSql = """
        SELECT purpose, model, input_tokens, output_tokens, latency_ms, cost, cassette_key, request_json, response
        FROM llm_calls WHERE step_id = $step ORDER BY ordinal;
        """;

    private const string GraphSql = "SELECT dot FROM graphs WHERE step_id = $step;";

    private const string ParameterNamesSql = "SELECT name FROM parameters WHERE run_id = $run ORDER BY ordinal;";

    public static List<RunRow> Runs(SqliteConnection connection, string? key)
    {
        using var command = connection.Command(RunsSql).With("$key", key);
        using var reader = command.ExecuteReader();
        var rows = new List<RunRow>();
        while (reader.Read())
        {
            var summary = new RunSummary(
                reader.GetString(1), reader.GetString(2), reader.GetString(3), RunStatusText.Parse(reader.GetString(4)),
                Timestamps.Read(reader.GetString(5)), reader.IsDBNull(6) ? null : Timestamps.Read(reader.GetString(6)),
                reader.GetInt32(7), reader.GetNullableDouble(8));
            rows.Add(new RunRow(reader.GetInt64(0), summary, reader.GetString(9), reader.GetNullableString(10)));
        }

        return rows;
    }

    public static RunRow RequireRun(SqliteConnection connection, string key, string path)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(key);
        var rows = Runs(connection, key);
        if (rows.Count == 1)
        {
            return rows[0];
        }

        var known = Runs(connection, null).Select(r => r.Summary.Key).ToList();
        var listed = known.Count == 0 ? "it has no runs" : $"its runs are {string.Join(", ", known.Take(10))}{(known.Count > 10 ? ", …" : "")}";
        throw new KeyNotFoundException($"There is no run '{key}' in '{path}'; {listed}.");
    }

    public static void RequireStep(RunRow run, int step, bool allowZero)
    {
        var first = allowZero ? 0 : 1;
        if (step < first || step > run.Summary.Steps)
        {
            throw new KeyNotFoundException(
                $"Run '{run.Summary.Key}' has no step {step}; its steps are {first} to {run.Summary.Steps}{(allowZero ? " (0 is the start)" : "")}.");
        }
    }

    /// <summary>The step rows of a run (or one of them), without examples, calls or parameters.</summary>
    public static List<(long Id, string StateJson, StepSummary Summary)> Steps(SqliteConnection connection, long runId, int? number = null)
    {
        var costs = new Dictionary<int, decimal>();
        using (var command = connection.Command(CostsSql).With("$run", runId))
        using (var reader = command.ExecuteReader())
        {
            while (reader.Read())
            {
                var step = reader.GetInt32(0);
                costs[step] = costs.GetValueOrDefault(step) + reader.GetNullableDecimalText(1)!.Value;
            }
        }

        var changes = Changes(connection, runId);
        var rows = new List<(long, string, StepSummary)>();
        using (var command = connection.Command(StepsSql).With("$run", runId).With("$number", number))
        using (var reader = command.ExecuteReader())
        {
            while (reader.Read())
            {
                var step = reader.GetInt32(1);
                var summary = new StepSummary(
                    step, reader.GetNullableDouble(2), reader.GetNullableDouble(3), changes.GetValueOrDefault(step) ?? [],
                    reader.GetInt32(8), reader.GetInt32(9), reader.GetInt64(10), reader.GetInt64(11), costs.GetValueOrDefault(step),
                    reader.GetInt64(12) != 0, reader.GetNullableString(5), Timestamps.Read(reader.GetString(6)),
                    TimeSpan.FromMilliseconds(reader.GetDouble(7)));
                rows.Add((reader.GetInt64(0), reader.GetString(4), summary));
            }
        }

        return rows;
    }

    /// <summary>Every version of every parameter of a run (or of one parameter), grouped by parameter in declaration order.</summary>
    public static List<(string Name, List<ParameterVersion> Versions)> Versions(SqliteConnection connection, long runId, string? name = null)
    {
        var result = new List<(string Name, List<ParameterVersion> Versions)>();
        using var command = connection.Command(VersionsSql).With("$run", runId).With("$name", name);
        using var reader = command.ExecuteReader();
        while (reader.Read())
        {
            var parameter = reader.GetString(0);
            if (result.Count == 0 || result[^1].Name != parameter)
            {
                result.Add((parameter, []));
            }

            var versions = result[^1].Versions;
            var previous = versions.Count == 0 ? null : versions[^1].ValueJson;
            versions.Add(new ParameterVersion(
                reader.GetInt32(1), reader.GetString(2), reader.GetString(3), reader.GetInt32(4), reader.GetInt64(5) != 0,
                previous, reader.GetNullableString(6), reader.GetNullableString(7)));
        }

        return result;
    }

    public static List<string> ParameterNames(SqliteConnection connection, long runId)
    {
        using var command = connection.Command(ParameterNamesSql).With("$run", runId);
        using var reader = command.ExecuteReader();
        var names = new List<string>();
        while (reader.Read())
        {
            names.Add(reader.GetString(0));
        }

        return names;
    }

    public static List<ParameterSnapshot> ParametersAt(SqliteConnection connection, long runId, int step) =>
        [.. StoredParameters.AtStep(connection, runId, step).Select(p => p.Snapshot)];

    public static List<ExampleScore> Examples(SqliteConnection connection, long stepId)
    {
        using var command = connection.Command(ExamplesSql).With("$step", stepId);
        using var reader = command.ExecuteReader();
        var examples = new List<ExampleScore>();
        while (reader.Read())
        {
            examples.Add(new ExampleScore(reader.GetString(0), reader.GetDouble(1), reader.GetNullableString(2), reader.GetNullableString(3)));
        }

        return examples;
    }

    public static List<LlmCallRecord> LlmCalls(SqliteConnection connection, long stepId)
    {
        using var command = connection.Command(LlmCallsSql).With("$step", stepId);
        using var reader = command.ExecuteReader();
        var calls = new List<LlmCallRecord>();
        while (reader.Read())
        {
            calls.Add(new LlmCallRecord
            {
                Purpose = reader.GetString(0),
                Model = reader.GetNullableString(1),
                InputTokens = reader.GetNullableInt64(2),
                OutputTokens = reader.GetNullableInt64(3),
                Latency = reader.GetNullableDouble(4) is { } ms ? TimeSpan.FromMilliseconds(ms) : null,
                Cost = reader.GetNullableDecimalText(5),
                CassetteKey = reader.GetNullableString(6),
                RequestJson = reader.GetNullableString(7),
                Response = reader.GetNullableString(8),
            });
        }

        return calls;
    }

    public static string? Graph(SqliteConnection connection, long stepId)
    {
        using var command = connection.Command(GraphSql).With("$step", stepId);
        return command.ExecuteScalar() as string;
    }

    /// <summary>A whole step as the trainer recorded it (changes rebuilt from the parameter versions).</summary>
    public static StepRecord Step(SqliteConnection connection, long runId, int number)
    {
        var (id, state, summary) = Steps(connection, runId, number).Single();
        return new StepRecord
        {
            Number = number,
            Score = summary.Score,
            ValidationScore = summary.ValidationScore,
            Examples = Examples(connection, id),
            Parameters = ParametersAt(connection, runId, number),
            Changes = summary.Changes,
            LlmCalls = LlmCalls(connection, id),
            GraphDot = Graph(connection, id),
            StateJson = state,
            Note = summary.Note,
            CompletedAt = summary.CompletedAt,
            Duration = summary.Duration,
        };
    }

    private static Dictionary<int, List<ParameterChange>> Changes(SqliteConnection connection, long runId)
    {
        var byStep = new Dictionary<int, List<ParameterChange>>();
        foreach (var (name, versions) in Versions(connection, runId))
        {
            foreach (var version in versions.Where(v => v.Step > 0))
            {
                // A parameter that first appears mid-run had no value before: its old value is JSON null.
                var change = new ParameterChange(name, version.PreviousValueJson ?? "null", version.ValueJson, version.Feedback, version.Reason);
                if (!byStep.TryGetValue(version.Step, out var list))
                {
                    byStep[version.Step] = list = [];
                }

                list.Add(change);
            }
        }

        return byStep;
    }
}
