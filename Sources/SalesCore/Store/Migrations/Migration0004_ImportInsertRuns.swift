extension Migrations {
    /// The rows a batch inserted, journalled as runs of consecutive ids rather than a row each:
    /// within one write transaction a table's new ids are consecutive, so a large import costs a few
    /// journal rows instead of one per row. Updates keep their before-images in `import_row_change`.
    static let importInsertRuns = (
        id: "0004_import_insert_runs",
        sql: """
        CREATE TABLE import_insert_run (
            batch_id   INTEGER NOT NULL REFERENCES import_batch (id),
            table_name TEXT NOT NULL,
            first_id   INTEGER NOT NULL,
            last_id    INTEGER NOT NULL CHECK (last_id >= first_id),
            PRIMARY KEY (batch_id, table_name, first_id)
        ) STRICT;
        """
    )
}
