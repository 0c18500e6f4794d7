import Foundation

/// Opens `count` more read connections whose snapshot is the same as `connection`'s, so that parts of one
/// report can be computed at the same time on other threads and still agree row for row.
///
/// `connection` must be inside `BEGIN` with no read done yet. A fence connection takes the write lock
/// (`BEGIN IMMEDIATE`, waiting at most a quarter second); while it holds it no commit can happen, so the
/// read transactions started meanwhile all see the same data. Returns all `count` twins, each inside its
/// read transaction, or none (with `connection`'s snapshot started) when the lock is not free or a file
/// cannot be opened: the caller then does everything on `connection`.
func openSnapshotTwins(path: String, connection: Connection, count: Int) -> [Connection] {
    let startRead = "SELECT count(*) FROM sqlite_schema"
    guard let fence = try? Connection(path: path, create: false, busyTimeout: .milliseconds(250)) else {
        _ = try? connection.scalar(startRead)
        return []
    }
    defer { fence.close() }
    guard (try? fence.execute("BEGIN IMMEDIATE")) != nil else {
        _ = try? connection.scalar(startRead)
        return []
    }
    defer { try? fence.execute("ROLLBACK") }
    guard (try? connection.scalar(startRead)) != nil else { return [] }
    var twins: [Connection] = []
    do {
        for _ in 0..<count {
            let twin = try Connection(path: path, readOnly: true, create: false)
            twins.append(twin)
            try twin.execute("BEGIN")
            _ = try twin.scalar(startRead)
        }
        return twins
    } catch {
        for twin in twins { twin.close() }
        return []
    }
}

/// Work on a snapshot twin, run on a thread of its own; the twin's read transaction is ended and the
/// twin closed when the work is done.
///
/// The twin belongs to the work from ``init(name:connection:_:)`` on: no other thread may touch it.
final class BackgroundWork<Value>: @unchecked Sendable {
    private let connection: Connection
    private let work: () throws -> Value
    private let done = DispatchSemaphore(value: 0)
    private var result: Result<Value, any Error>?

    /// Starts `work` at once on a new thread.
    init(name: String, connection: Connection, _ work: @escaping () throws -> Value) {
        self.connection = connection
        self.work = work
        let thread = Thread { [self] in
            result = Result { try self.work() }
            try? self.connection.execute("COMMIT")
            self.connection.close()
            done.signal()
        }
        thread.name = name
        thread.stackSize = 1 << 20
        thread.start()
    }

    /// Waits for the work to end (once only) and returns its result.
    func wait() -> Result<Value, any Error> {
        done.wait()
        return result ?? .failure(CancellationError())
    }
}
