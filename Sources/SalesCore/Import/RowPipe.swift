import Foundation

/// Hands checked rows from the thread that reads a sheet to a thread that writes them, a batch at a time,
/// so that the store's work on the rows read overlaps checking the next ones (while the workbook's XML
/// is parsed on a third thread). At most ``batchesInFlight`` batches exist, so memory stays flat; rows
/// reach the writer in the order they were sent.
///
/// The writer's first error ends its work: the reader gets it from its next ``send(row:values:)`` or from
/// ``finish()``. ``cancel()`` stops the writer without writing what is left. Either way the writer has
/// stopped, touches nothing again and holds nothing it was given, when they return; the reader may then use
/// what the writer used, and close the connection its statements belong to.
final class RowPipe: @unchecked Sendable {
    /// Rows of one hand-over: their numbers, and `width` values per row, one after another.
    final class Batch {
        var rows: [Int] = []
        var values: [SQLValue] = []
        /// Set when the batch is the first to reach this many rows read: the writer decides the bulk load
        /// (``SheetWriter/deferIndexes(expectedRows:existingRows:)``) with this estimate first.
        var expectedRows: Int?

        func reset() {
            rows.removeAll(keepingCapacity: true)
            values.removeAll(keepingCapacity: true)
            expectedRows = nil
        }
    }

    static let rowsPerBatch = 256
    static let batchesInFlight = 4

    private let condition = NSCondition()
    private var full: [Batch] = []
    private var free: [Batch]
    private var current = Batch()
    /// No more batches will be sent (``finish()``), or the rest are not to be written (``cancel()``).
    private var closed = false
    private var cancelled = false
    /// The writer has returned.
    private var stopped = false
    private var failure: (any Error)?

    init() { free = (1..<Self.batchesInFlight).map { _ in Batch() } }

    /// Starts the writer on its own thread: `write` is called with each batch, in order, until the pipe is
    /// finished or cancelled or `write` throws. `phase` names the thread's work for ``PhaseTimer``.
    ///
    /// The pipe lets go of `write`, and so of everything it holds (a writer's prepared statements), before
    /// the writer counts as stopped: once ``finish()`` or ``cancel()`` returns, nothing on the writer's
    /// thread still holds them, and the connection they belong to can be closed.
    func start(phase: String, _ write: @escaping (Batch) throws -> Void) {
        condition.lock()
        body = write
        condition.unlock()
        let thread = Thread { [self] in PhaseTimer.measure(phase) { self.run() } }
        thread.stackSize = 8 << 20
        thread.start()
    }

    /// What ``start(phase:_:)`` was given, until the writer stops.
    private var body: ((Batch) throws -> Void)?

    private func run() {
        while true {
            condition.lock()
            while full.isEmpty && !closed { condition.wait() }
            guard !cancelled, !full.isEmpty else {
                condition.unlock()
                break
            }
            let batch = full.removeFirst()
            condition.unlock()
            do {
                try write(batch)
            } catch {
                condition.lock()
                failure = error
                condition.unlock()
                break
            }
            batch.reset()
            condition.lock()
            free.append(batch)
            condition.broadcast()
            condition.unlock()
        }
        condition.lock()
        body = nil
        stopped = true
        condition.broadcast()
        condition.unlock()
    }

    /// Calls the writer's closure; its reference is gone when this returns.
    private func write(_ batch: Batch) throws {
        condition.lock()
        let write = body
        condition.unlock()
        try write?(batch)
    }

    /// Marks the batch being filled as the one whose rows reach `rows` expected in all (see ``Batch``).
    func expect(rows: Int) { current.expectedRows = rows }

    /// Adds a row for the writer; throws the writer's error, if it has stopped on one.
    func send(row: Int, values: [SQLValue]) throws {
        current.rows.append(row)
        current.values.append(contentsOf: values)
        guard current.rows.count >= Self.rowsPerBatch else { return }
        condition.lock()
        defer { condition.unlock() }
        if let failure { throw failure }
        full.append(current)
        condition.broadcast()
        while free.isEmpty && failure == nil { condition.wait() }
        if let failure { throw failure }
        current = free.removeLast()
    }

    /// Hands over the last rows and waits until the writer has written them all; rethrows its error.
    func finish() throws {
        condition.lock()
        defer { condition.unlock() }
        if !closed {
            if !current.rows.isEmpty { full.append(current) }
            current = Batch()
            closed = true
            condition.broadcast()
        }
        while !stopped { condition.wait() }
        if let failure { throw failure }
    }

    /// Stops the writer without writing the rows it has not started, and waits until it has stopped.
    func cancel() {
        condition.lock()
        defer { condition.unlock() }
        closed = true
        cancelled = true
        condition.broadcast()
        while !stopped { condition.wait() }
    }
}
