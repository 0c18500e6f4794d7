extension Migrations {
    /// `commission_plan_version`: every commission plan version statements were written under (`sales-plan
    /// commission --out/--html`), with the SHA-256 of the plan file's bytes and when it was first used. A
    /// version is its terms: the same name and version with other bytes is refused, so two statements that
    /// name the same version were computed under the same text.
    static let commissionPlanVersions = (
        id: "0012_commission_plan_versions",
        sql: """
        CREATE TABLE commission_plan_version (
            name          TEXT NOT NULL,
            version       TEXT NOT NULL,
            file_sha256   TEXT NOT NULL CHECK (length(file_sha256) = 64),
            first_used_at TEXT NOT NULL,
            PRIMARY KEY (name, version)
        ) STRICT;
        """
    )
}
