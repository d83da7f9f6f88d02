using Microsoft.Data.Sqlite;
using Opto.Trainer.Runs;

namespace Opto.Runs.Journal;

/// <summary>A parameter's latest stored version, with the row id of the parameter it belongs to.</summary>
internal sealed record StoredParameter(long ParameterId, ParameterSnapshot Snapshot);

/// <summary>Reads the parameters of a run as they stood after a given step.</summary>
internal static class StoredParameters
{
    // The newest version at or before the step, for every parameter that existed by then, in declaration order.
    private const string AtStepSql = """
        SELECT p.id, p.name, v.type_name, v.value_json, v.version, v.is_code
        FROM parameters p
        JOIN parameter_versions v ON v.parameter_id = p.id
        WHERE p.run_id = $run
          AND v.step = (SELECT MAX(step) FROM parameter_versions WHERE parameter_id = p.id AND step <= $step)
        ORDER BY p.ordinal;
        """;

    public static List<StoredParameter> AtStep(SqliteConnection connection, long runId, int step, SqliteTransaction? transaction = null)
    {
        using var command = connection.Command(AtStepSql, transaction).With("$run", runId).With("$step", step);
        using var reader = command.ExecuteReader();
        var result = new List<StoredParameter>();
        while (reader.Read())
        {
            var snapshot = new ParameterSnapshot(reader.GetString(1), reader.GetString(2), reader.GetString(3), reader.GetInt32(4), reader.GetInt64(5) != 0);
            result.Add(new StoredParameter(reader.GetInt64(0), snapshot));
        }

        return result;
    }
}
