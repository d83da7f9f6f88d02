namespace Opto.Runs.Schema;

/// <summary>The first version of the run store's tables. README.md describes each of them.</summary>
internal static class SchemaV1
{
    // Every child row cascades from its run, so replacing a run is one DELETE. Timestamps are ISO 8601 text
    // (round-trip format) so that they sort and read well in any SQLite tool; costs are text so that decimals
    // keep every digit.
    public const string Sql = """
        CREATE TABLE runs (
            id            INTEGER PRIMARY KEY,
            run_key       TEXT    NOT NULL UNIQUE,
            algorithm     TEXT    NOT NULL,
            optimizer     TEXT    NOT NULL,
            settings_json TEXT    NOT NULL,
            status        TEXT    NOT NULL,
            started_at    TEXT    NOT NULL,
            ended_at      TEXT,
            best_score    REAL,
            end_message   TEXT
        );

        CREATE TABLE parameters (
            id      INTEGER PRIMARY KEY,
            run_id  INTEGER NOT NULL REFERENCES runs(id) ON DELETE CASCADE,
            name    TEXT    NOT NULL,
            ordinal INTEGER NOT NULL,
            UNIQUE (run_id, name)
        );

        CREATE TABLE steps (
            id               INTEGER PRIMARY KEY,
            run_id           INTEGER NOT NULL REFERENCES runs(id) ON DELETE CASCADE,
            number           INTEGER NOT NULL,
            score            REAL,
            validation_score REAL,
            state_json       TEXT    NOT NULL,
            note             TEXT,
            completed_at     TEXT    NOT NULL,
            duration_ms      REAL    NOT NULL,
            UNIQUE (run_id, number)
        );

        CREATE TABLE parameter_versions (
            id           INTEGER PRIMARY KEY,
            parameter_id INTEGER NOT NULL REFERENCES parameters(id) ON DELETE CASCADE,
            step         INTEGER NOT NULL,
            type_name    TEXT    NOT NULL,
            value_json   TEXT    NOT NULL,
            version      INTEGER NOT NULL,
            is_code      INTEGER NOT NULL,
            feedback     TEXT,
            reason       TEXT,
            UNIQUE (parameter_id, step)
        );

        CREATE TABLE example_scores (
            id         INTEGER PRIMARY KEY,
            step_id    INTEGER NOT NULL REFERENCES steps(id) ON DELETE CASCADE,
            ordinal    INTEGER NOT NULL,
            example_id TEXT    NOT NULL,
            score      REAL    NOT NULL,
            feedback   TEXT,
            error      TEXT
        );
        CREATE INDEX example_scores_by_step ON example_scores (step_id, ordinal);
        CREATE INDEX example_scores_by_example ON example_scores (example_id);

        CREATE TABLE llm_calls (
            id            INTEGER PRIMARY KEY,
            step_id       INTEGER NOT NULL REFERENCES steps(id) ON DELETE CASCADE,
            ordinal       INTEGER NOT NULL,
            purpose       TEXT    NOT NULL,
            model         TEXT,
            input_tokens  INTEGER,
            output_tokens INTEGER,
            latency_ms    REAL,
            cost          TEXT,
            cassette_key  TEXT,
            request_json  TEXT,
            response      TEXT
        );
        CREATE INDEX llm_calls_by_step ON llm_calls (step_id, ordinal);
        CREATE INDEX llm_calls_by_cassette_key ON llm_calls (cassette_key) WHERE cassette_key IS NOT NULL;

        CREATE TABLE graphs (
            step_id INTEGER PRIMARY KEY REFERENCES steps(id) ON DELETE CASCADE,
            dot     TEXT    NOT NULL
        );

        CREATE INDEX runs_by_status ON runs (status, started_at);
        """;
}
