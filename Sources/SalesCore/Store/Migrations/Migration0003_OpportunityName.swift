extension Migrations {
    /// Opportunities carry a name (the deal's title), which workbooks list beside the code.
    static let opportunityName = (
        id: "0003_opportunity_name",
        sql: """
        ALTER TABLE opportunity ADD COLUMN name TEXT;
        """
    )
}
