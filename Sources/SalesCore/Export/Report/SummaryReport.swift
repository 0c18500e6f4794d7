import Foundation

/// A period summary ready to render: the figures, what they flag, and where the data came from.
public struct SummaryReport: Sendable {
    /// Sections 1–7.
    public let data: SummaryData
    /// What the summary's reader should look at first.
    public let flags: [ReportFlag]
    /// The findings in words, largest money at stake first (``ReportFinding/findings(of:)``).
    public let findings: [ReportFinding]
    /// Section 8's sources and data hash.
    public let provenance: ReportProvenance
    /// The judgement calls the figures were computed with.
    public let options: SummaryOptions
    /// When the report was made, printed only when asked for (`--stamp`), so that by default the same
    /// store and arguments give byte-identical files.
    public let stamp: String?

    public init(
        data: SummaryData, flags: [ReportFlag], provenance: ReportProvenance, options: SummaryOptions,
        stamp: String?
    ) {
        self.data = data
        self.flags = flags
        self.findings = ReportFinding.findings(of: data)
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
    public static func build(
        store: Store, period: ReportPeriod, compare: ComparisonMode, scope: ReportScope,
        options: SummaryOptions = SummaryOptions(), stamp: String? = nil
    ) throws -> SummaryReport {
        try PhaseTimer.measure("summary: computed (all of it)") {
            try build(
                store: store, period: period, compare: compare, scope: scope, options: options, stamp: stamp,
                hashInParallel: true)
        }
    }

    /// ``build(store:period:compare:scope:options:stamp:)`` on three snapshot twins (`inParallel`) or on
    /// one connection (tests compare the two).
    static func build(
        store: Store, period: ReportPeriod, compare: ComparisonMode, scope: ReportScope,
        options: SummaryOptions, stamp: String?, hashInParallel inParallel: Bool
    ) throws -> SummaryReport {
        try store.read { connection in
            let twins = inParallel ? openSnapshotTwins(path: store.path, connection: connection, count: 2) : []
            let hashing = twins.first.map { twin in
                BackgroundWork(name: "summary data hash", connection: twin) {
                    try PhaseTimer.measure("summary: data hash (twin)") { try DataDigest.digest(twin, period: period) }
                }
            }
            let data: SummaryData
            let batches: [ReportProvenance.Batch]
            do {
                data = try SummaryMetrics.compute(
                    connection, period: period, compare: compare, scope: scope,
                    options: options, helper: twins.last)
                batches = try DataDigest.batches(connection)
            } catch {
                _ = hashing?.wait()
                throw error
            }
            // A hash that failed on its twin (it should not) is computed again here.
            let digest =
                try PhaseTimer.measure("summary: waiting for the data hash") { try? hashing?.wait().get() }
                ?? DataDigest.digest(connection, period: period)
            let provenance = ReportProvenance(
                batches: batches, tables: digest.tables, dataSHA256: digest.sha256,
                schemaVersion: store.schemaVersion)
            return SummaryReport(
                data: data, flags: ReportFlag.flags(of: data, options: options),
                provenance: provenance, options: options, stamp: stamp)
        }
    }
}
