extension Migrations {
    /// `score_result.tier` and `score_result.churn_risk` are checked with `=` comparisons instead of `IN`
    /// lists, as `0007_order_status_check` did for `order_line.status`: SQLite builds an ephemeral table
    /// for an `IN` list of three or more values each time the CHECK runs, twice for every customer of a
    /// scoring run (50,000 rows on the bench store). The checks accept exactly the same values, and the
    /// stored definition is edited in place the same way (`writable_schema`, then the schema reloaded).
    static let scoreResultChecks = (
        id: "0013_score_result_checks",
        sql: """
        PRAGMA writable_schema = ON;
        UPDATE sqlite_schema
        SET sql = replace(
                replace(sql, 'CHECK (tier IN (''A'', ''B'', ''C'', ''D''))',
                        'CHECK (tier = ''A'' OR tier = ''B'' OR tier = ''C'' OR tier = ''D'')'),
                'CHECK (churn_risk IN (''low'', ''rising'', ''high'', ''lost''))',
                'CHECK (churn_risk = ''low'' OR churn_risk = ''rising'' OR churn_risk = ''high'' OR churn_risk = ''lost'')')
        WHERE type = 'table' AND name = 'score_result';
        PRAGMA writable_schema = RESET;
        CREATE TABLE schema_reload_0013 (x);
        DROP TABLE schema_reload_0013;
        """
    )
}
