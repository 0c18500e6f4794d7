import Foundation

/// Hands checked rows from the thread that reads a sheet to a thread that writes them, a batch at a time,
/// so that the store's work on the rows read overlaps checking the next ones (while the workbook's XML
/// is parsed on a third thread). At most ``batchesInFlight`` batches exist, so memory stays flat; rows
/// reach the writer in the order they were sent.
///
/// The writer's first error ends its work: the reader gets it from its next ``send(row:values:)`` or from
/// ``finish()``. ``cancel()`` stops the writer without writing what is left. Either way the writer has
/// stopped, touches nothing again and holds nothing it was given, when they return; the reader may then use
/// what the writer used, and close the connection its statements belong to (``BatchPipe``).
final class RowPipe: @unchecked Sendable {
    /// Rows of one hand-over: their numbers, and `width` values per row, one after another.
    final class Batch: PipeBatch {
        var rows: [Int] = []
        var values: [SQLValue] = []
        /// Set when the batch is the first to reach this many rows read: the writer decides the bulk load
        /// (``SheetWriter/deferIndexes(expectedRows:existingRows:)``) with this estimate first.
        var expectedRows: Int?

        init() {}

        var count: Int { rows.count }

        func reset() {
            rows.removeAll(keepingCapacity: true)
            values.removeAll(keepingCapacity: true)
            expectedRows = nil
        }
    }

    static let rowsPerBatch = 256
    static let batchesInFlight = 4

    private let pipe = BatchPipe<Batch>(itemsPerBatch: rowsPerBatch, batchesInFlight: batchesInFlight)
    /// The estimate for the next batch handed over (``expect(rows:)``).
    private var expectedRows: Int?

    /// Starts the writer on its own thread: `write` is called with each batch, in order, until the pipe is
    /// finished or cancelled or `write` throws. `phase` names the thread's work for ``PhaseTimer``.
    func start(phase: String, _ write: @escaping (Batch) throws -> Void) { pipe.start(phase: phase, write) }

    /// Marks the batch being filled as the one whose rows reach `rows` expected in all (see ``Batch``).
    func expect(rows: Int) { expectedRows = rows }

    /// Adds a row for the writer; throws the writer's error, if it has stopped on one.
    func send(row: Int, values: [SQLValue]) throws {
        let expected = expectedRows
        expectedRows = nil
        try pipe.send { batch in
            if let expected { batch.expectedRows = expected }
            batch.rows.append(row)
            batch.values.append(contentsOf: values)
        }
    }

    /// Hands over the last rows and waits until the writer has written them all; rethrows its error.
    func finish() throws { try pipe.finish() }

    /// Stops the writer without writing the rows it has not started, and waits until it has stopped.
    func cancel() { pipe.cancel() }
}
