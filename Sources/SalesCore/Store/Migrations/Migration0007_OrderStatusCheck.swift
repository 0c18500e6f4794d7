extension Migrations {
    /// `order_line.status` is checked with `=` comparisons instead of an `IN` list: SQLite builds an
    /// ephemeral table for an `IN` list of three or more values each time the CHECK runs, work repeated for
    /// every order line inserted. The two checks accept exactly the same values.
    ///
    /// A CHECK constraint does not change how rows are stored, so the table's stored definition is edited
    /// in place (SQLite's documented procedure for changing constraints: `writable_schema`, then the schema
    /// reloaded and its version raised, here by creating and dropping a table) instead of rebuilding a
    /// table of perhaps millions of rows.
    static let orderStatusCheck = (
        id: "0007_order_status_check",
        sql: """
        PRAGMA writable_schema = ON;
        UPDATE sqlite_schema
        SET sql = replace(sql, 'CHECK (status IN (''completed'', ''cancelled'', ''returned''))',
                          'CHECK (status = ''completed'' OR status = ''cancelled'' OR status = ''returned'')')
        WHERE type = 'table' AND name = 'order_line';
        PRAGMA writable_schema = RESET;
        CREATE TABLE schema_reload_0007 (x);
        DROP TABLE schema_reload_0007;
        """
    )
}
