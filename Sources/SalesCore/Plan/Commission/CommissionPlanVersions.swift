/// The commission plan versions the store has seen (`commission_plan_version`): a plan's version names its
/// terms, so a version already used with other file contents is refused.
public enum CommissionPlanVersions {
    /// The refusal for `plan` when the store recorded its name and version with other contents.
    static func conflict(_ connection: Connection, _ plan: CommissionPlan) throws -> PlanError? {
        let rows = try connection.query(
            "SELECT file_sha256 FROM commission_plan_version WHERE name = ?1 AND version = ?2",
            [.text(plan.name), .text(plan.version)])
        guard let stored = rows.first?[0].text, stored != plan.sha256 else { return nil }
        return PlanError(
            .data,
            "plan \(TerminalText.visible(plan.name)) version \(TerminalText.visible(plan.version)) was already used "
                + "with different terms; raise its version")
    }

    /// Refuses `plan` when its version was used with other contents (reads only).
    public static func check(_ store: Store, _ plan: CommissionPlan) throws {
        if let error = try store.read({ try conflict($0, plan) }) { throw error }
    }

    /// Records `plan` as used at `timestamp` (the first use is kept), refusing it as ``check(_:_:)`` does.
    public static func record(_ store: Store, _ plan: CommissionPlan, at timestamp: String) throws {
        let refused = try store.write { connection -> PlanError? in
            if let error = try conflict(connection, plan) { return error }
            try connection.execute(
                """
                INSERT INTO commission_plan_version (name, version, file_sha256, first_used_at) VALUES (?1, ?2, ?3, ?4)
                ON CONFLICT (name, version) DO NOTHING
                """, [.text(plan.name), .text(plan.version), .text(plan.sha256), .text(timestamp)])
            return nil
        }
        if let refused { throw refused }
    }

    /// Every recorded version, by name then first use.
    public static func all(
        _ store: Store
    ) throws -> [(name: String, version: String, sha256: String, firstUsedAt: String)] {
        try store.read { connection in
            try connection.query(
                "SELECT name, version, file_sha256, first_used_at FROM commission_plan_version ORDER BY name, first_used_at, version"
            ).map { ($0[0].text ?? "", $0[1].text ?? "", $0[2].text ?? "", $0[3].text ?? "") }
        }
    }
}
