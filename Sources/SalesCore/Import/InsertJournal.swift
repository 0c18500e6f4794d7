/// Records the rows a batch inserts as runs of consecutive ids, one open run per table.
final class InsertJournal {
    private let connection: Connection
    private let batch: Int64
    private var open: [String: (first: Int64, last: Int64)] = [:]

    init(connection: Connection, batch: Int64) {
        self.connection = connection
        self.batch = batch
    }

    /// Notes that `id` was just inserted into `table`.
    func record(_ table: String, _ id: Int64) throws {
        if let run = open[table] {
            if id == run.last + 1 {
                open[table]!.last = id
                return
            }
            try write(table, run)
        }
        open[table] = (id, id)
    }

    /// The open runs, to restore when a savepoint rolls a row back.
    var state: [String: (first: Int64, last: Int64)] {
        get { open }
        set { open = newValue }
    }

    /// Writes the runs still open; call before the batch commits.
    func flush() throws {
        for (table, run) in open.sorted(by: { $0.key < $1.key }) { try write(table, run) }
        open.removeAll()
    }

    private func write(_ table: String, _ run: (first: Int64, last: Int64)) throws {
        try connection.cachedStatement(
            """
            INSERT INTO import_insert_run (batch_id, table_name, first_id, last_id) VALUES (?, ?, ?, ?)
            """
        ).execute([.integer(batch), .text(table), .integer(run.first), .integer(run.last)])
    }
}
