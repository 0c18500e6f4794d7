import Foundation

/// Rows copied out of the reader's buffers, so that they can be handed to another thread.
final class RowBatch {
    var numbers: [Int] = []
    /// The cells of row `k` are `cells[cellEnds[k - 1]..<cellEnds[k]]` (from 0 for the first row).
    var cellEnds: [Int] = []
    var cells: [RawCell] = []
    /// The value bytes of every non-shared-string cell; a cell's `start` is an offset into it.
    var bytes: UnsafeMutableBufferPointer<UInt8> = .allocate(capacity: 1 << 16)
    var used = 0
    var fraction = 0.0

    deinit { bytes.deallocate() }

    var count: Int { numbers.count }

    func reset() {
        numbers.removeAll(keepingCapacity: true)
        cellEnds.removeAll(keepingCapacity: true)
        cells.removeAll(keepingCapacity: true)
        used = 0
    }

    func append(_ row: SheetRow) {
        for i in 0..<row.count {
            var cell = row.cells[i]
            if cell.type != .sharedString {
                let source = row.bytes(at: i)
                reserve(source.count)
                if source.count > 0 {
                    (bytes.baseAddress! + used).initialize(from: source.baseAddress!, count: source.count)
                }
                cell.start = used
                used += source.count
            }
            cells.append(cell)
        }
        cellEnds.append(cells.count)
        numbers.append(row.number)
        fraction = row.fractionRead
    }

    private func reserve(_ extra: Int) {
        guard used + extra > bytes.count else { return }
        var capacity = bytes.count * 2
        while capacity < used + extra { capacity *= 2 }
        let grown = UnsafeMutableBufferPointer<UInt8>.allocate(capacity: capacity)
        if used > 0 { grown.baseAddress!.initialize(from: bytes.baseAddress!, count: used) }
        bytes.deallocate()
        bytes = grown
    }

    /// Calls `body` with each row, as the sequential reader would.
    func forEachRow(sharedStrings: SharedStrings, dateSystem: DateSystem, _ body: (SheetRow) throws -> Void) rethrows {
        try cells.withUnsafeBufferPointer { all in
            var start = 0
            for k in 0..<numbers.count {
                let end = cellEnds[k]
                try body(
                    SheetRow(
                        number: numbers[k], cells: UnsafeBufferPointer(rebasing: all[start..<end]),
                        bytes: UnsafePointer(bytes.baseAddress!), sharedStrings: sharedStrings,
                        dateSystem: dateSystem, fractionRead: fraction))
                start = end
            }
        }
    }
}

/// The hand-over between the parsing thread and the caller's: full batches one way, empty ones back.
private final class BatchChannel: @unchecked Sendable {
    let condition = NSCondition()
    var full: [RowBatch] = []
    var free: [RowBatch]
    var finished = false
    var cancelled = false
    var failure: (any Error)?
    var summary: SheetSummary?
    var sharedStrings: SharedStrings?

    init(batches: Int) { free = (0..<batches).map { _ in RowBatch() } }

    /// An empty batch for the parser; nil once the consumer has stopped.
    func takeFree() -> RowBatch? {
        condition.lock()
        defer { condition.unlock() }
        while free.isEmpty && !cancelled { condition.wait() }
        return cancelled ? nil : free.removeLast()
    }

    func publish(_ batch: RowBatch) {
        condition.lock()
        full.append(batch)
        condition.broadcast()
        condition.unlock()
    }
}

private struct UncheckedBox<T>: @unchecked Sendable { let value: T }

extension Workbook {
    /// Reads a sheet like ``readSheet(_:maxRow:_:)``, parsing its XML on a second thread while `body`
    /// handles the rows already read: the same rows, in the same order, and the same errors, thrown after
    /// the rows before them were handed over. Memory stays bounded (a few batches of rows in flight).
    @discardableResult
    public func readSheetPipelined(_ sheet: SheetInfo, _ body: (SheetRow) throws -> Void) throws -> SheetSummary {
        let channel = BatchChannel(batches: 3)
        let rowsPerBatch = 512
        let bytesPerBatch = 1 << 18
        let done = DispatchSemaphore(value: 0)
        let me = UncheckedBox(value: (self, sheet))
        let thread = Thread {
            var batch = channel.takeFree()
            do {
                let summary = try me.value.0.readSheet(me.value.1) { row in
                    guard let current = batch else { throw StopParsing() }
                    if channel.sharedStrings == nil {
                        channel.condition.lock()
                        channel.sharedStrings = row.sharedStrings
                        channel.condition.unlock()
                    }
                    current.append(row)
                    if current.count >= rowsPerBatch || current.used >= bytesPerBatch {
                        channel.publish(current)
                        batch = channel.takeFree()
                        guard batch != nil else { throw StopParsing() }
                    }
                }
                channel.condition.lock()
                channel.summary = summary
                channel.condition.unlock()
            } catch is StopParsing {
                // The consumer stopped.
            } catch {
                channel.condition.lock()
                channel.failure = error
                channel.condition.unlock()
            }
            if let batch, batch.count > 0 { channel.publish(batch) }
            channel.condition.lock()
            channel.finished = true
            channel.condition.broadcast()
            channel.condition.unlock()
            done.signal()
        }
        thread.stackSize = 16 << 20
        thread.start()

        var consumerError: (any Error)?
        while true {
            channel.condition.lock()
            while channel.full.isEmpty && !channel.finished { channel.condition.wait() }
            if channel.full.isEmpty {
                channel.condition.unlock()
                break
            }
            let batch = channel.full.removeFirst()
            let strings = channel.sharedStrings
            channel.condition.unlock()
            do {
                if let strings {
                    try batch.forEachRow(sharedStrings: strings, dateSystem: dateSystem, body)
                }
            } catch {
                consumerError = error
                channel.condition.lock()
                channel.cancelled = true
                channel.condition.broadcast()
                channel.condition.unlock()
                break
            }
            batch.reset()
            channel.condition.lock()
            channel.free.append(batch)
            channel.condition.broadcast()
            channel.condition.unlock()
        }
        done.wait()
        if let consumerError { throw consumerError }
        channel.condition.lock()
        defer { channel.condition.unlock() }
        if let failure = channel.failure { throw failure }
        return channel.summary
            ?? SheetSummary(
                declaredDimension: nil, rowsRead: 0, firstCell: nil, lastCell: nil,
                complete: true)
    }
}
