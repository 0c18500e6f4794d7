// MARK: - Verifying: what is signed

extension ApprovalDesk {
    /// How many entries the log holds (its last seq), and those that carry no signature as runs of
    /// consecutive seqs, oldest first.
    public func unsignedEntries() throws -> (entries: Int64, unsigned: [ClosedRange<Int64>]) {
        try store.read { connection in
            let entries = try connection.scalar("SELECT coalesce(max(seq), 0) FROM audit_log")?.int64 ?? 0
            var runs: [ClosedRange<Int64>] = []
            let statement = try connection.prepare("SELECT seq FROM audit_log WHERE signature IS NULL ORDER BY seq")
            while try statement.step() {
                let seq = statement.int64(at: 0)
                if let last = runs.last, last.upperBound + 1 == seq {
                    runs[runs.count - 1] = last.lowerBound...seq
                } else {
                    runs.append(seq...seq)
                }
            }
            return (entries, runs)
        }
    }
}
