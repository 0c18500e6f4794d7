import Foundation

/// A period summary ready to render: the figures, what they flag, and where the data came from.
public struct SummaryReport: Sendable {
    /// Sections 1–7.
    public let data: SummaryData
    /// What the summary's reader should look at first.
    public let flags: [ReportFlag]
    /// Section 8's sources and data hash.
    public let provenance: ReportProvenance
    /// The judgement calls the figures were computed with.
    public let options: SummaryOptions
    /// When the report was made, printed only when asked for (`--stamp`), so that by default the same
    /// store and arguments give byte-identical files.
    public let stamp: String?

    public init(data: SummaryData, flags: [ReportFlag], provenance: ReportProvenance, options: SummaryOptions,
                stamp: String?) {
        self.data = data
        self.flags = flags
        self.provenance = provenance
        self.options = options
        self.stamp = stamp
    }

    /// Computes the summary of `period` from `store`, with its flags and provenance, all from one snapshot.
    ///
    /// The data hash reads every row of the tables the summary reads; it runs on a second connection
    /// while the figures are computed on the first. Both connections start their read transactions while
    /// a third holds the write lock for an instant, so both see the same committed snapshot; when that
    /// lock is not free at once (an import is committing) the hash is computed afterwards on the same
    /// connection instead, which is slower but just as exact.
    public static func build(store: Store, period: ReportPeriod, compare: ComparisonMode, scope: ReportScope,
                             options: SummaryOptions = SummaryOptions(), stamp: String? = nil) throws -> SummaryReport {
        try build(store: store, period: period, compare: compare, scope: scope, options: options, stamp: stamp,
                  hashInParallel: true)
    }

    /// ``build(store:period:compare:scope:options:stamp:)``, with the data hash computed on a twin
    /// connection (`hashInParallel`) or afterwards on the same one (tests compare the two).
    static func build(store: Store, period: ReportPeriod, compare: ComparisonMode, scope: ReportScope,
                      options: SummaryOptions, stamp: String?, hashInParallel: Bool) throws -> SummaryReport {
        try store.read { connection in
            let twin = hashInParallel ? openSnapshotTwin(path: store.path, connection: connection) : nil
            let job = twin.map(DigestJob.init)
            job?.start()
            let data: SummaryData
            let batches: [ReportProvenance.Batch]
            do {
                data = try SummaryMetrics.compute(connection, period: period, compare: compare, scope: scope,
                                                  options: options)
                batches = try DataDigest.batches(connection)
            } catch {
                _ = job?.wait()
                throw error
            }
            var hasher = try job?.wait() ?? DataDigest.hashTables(connection)
            let digest = try DataDigest.finish(&hasher, scoreRun: data.marketAndCustomers.scoreRun?.id,
                                               connection: connection)
            let provenance = ReportProvenance(batches: batches, tables: hasher.tableRows, dataSHA256: digest,
                                              schemaVersion: store.schemaVersion)
            return SummaryReport(data: data, flags: ReportFlag.flags(of: data, options: options),
                                 provenance: provenance, options: options, stamp: stamp)
        }
    }
}

/// Opens a second read connection whose snapshot is the same as `connection`'s.
///
/// `connection` must be inside `BEGIN` with no read done yet. A third connection takes the write lock
/// (`BEGIN IMMEDIATE`, waiting at most a quarter second); while it holds it no commit can happen, so
/// the two read transactions started meanwhile see the same data. Returns `nil`, with `connection`'s
/// snapshot started, when the lock is not free or a file cannot be opened.
func openSnapshotTwin(path: String, connection: Connection) -> Connection? {
    let startRead = "SELECT count(*) FROM sqlite_schema"
    guard let fence = try? Connection(path: path, create: false, busyTimeout: .milliseconds(250)) else {
        _ = try? connection.scalar(startRead)
        return nil
    }
    defer { fence.close() }
    guard (try? fence.execute("BEGIN IMMEDIATE")) != nil else {
        _ = try? connection.scalar(startRead)
        return nil
    }
    defer { try? fence.execute("ROLLBACK") }
    guard (try? connection.scalar(startRead)) != nil,
          let twin = try? Connection(path: path, readOnly: true, create: false) else { return nil }
    do {
        try twin.execute("BEGIN")
        _ = try twin.scalar(startRead)
        return twin
    } catch {
        twin.close()
        return nil
    }
}

/// Hashes the summary's tables on its own thread and connection.
final class DigestJob: @unchecked Sendable {
    private let connection: Connection
    private let done = DispatchSemaphore(value: 0)
    private var result: Result<DataDigest.Hasher, any Error>?

    init(connection: Connection) {
        self.connection = connection
    }

    func start() {
        let thread = Thread { [self] in
            result = Result { try DataDigest.hashTables(connection) }
            try? connection.execute("COMMIT")
            connection.close()
            done.signal()
        }
        thread.stackSize = 1 << 20
        thread.start()
    }

    /// Waits for the hash; `nil` when it failed (the caller then hashes on its own connection).
    func wait() -> DataDigest.Hasher? {
        done.wait()
        return try? result?.get()
    }
}
