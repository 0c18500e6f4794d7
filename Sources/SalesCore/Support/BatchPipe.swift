import Foundation

/// What a ``BatchPipe`` hands over: a reusable container of items, emptied between uses.
protocol PipeBatch: AnyObject {
    init()
    /// The items in the batch.
    var count: Int { get }
    /// Empties the batch, keeping its capacity.
    func reset()
}

/// Hands work from one thread (the sender) to a thread of its own (the receiver), a batch at a time, so
/// the two overlap. At most `batchesInFlight` batches exist, so memory stays flat; batches reach the
/// receiver in the order they were sent.
///
/// The receiver's first error ends its work: the sender gets it from its next ``send(_:)`` or from
/// ``finish()``. ``cancel()`` stops the receiver without giving it what is left. Either way the receiver
/// has stopped, touches nothing again and holds nothing it was given, when they return; the sender may then
/// use what the receiver used (a connection its statements belong to, the state it filled in).
final class BatchPipe<Batch: PipeBatch>: @unchecked Sendable {
    let itemsPerBatch: Int

    private let condition = NSCondition()
    private var full: [Batch] = []
    private var free: [Batch]
    private var current = Batch()
    /// No more batches will be sent (``finish()``), or the rest are not to be received (``cancel()``).
    private var closed = false
    private var cancelled = false
    /// The receiver has returned.
    private var stopped = false
    private var failure: (any Error)?

    init(itemsPerBatch: Int, batchesInFlight: Int) {
        self.itemsPerBatch = itemsPerBatch
        free = (1..<max(batchesInFlight, 2)).map { _ in Batch() }
    }

    /// Starts the receiver on its own thread: `receive` is called with each batch, in order, until the pipe
    /// is finished or cancelled or `receive` throws. `phase` names the thread's work for ``PhaseTimer``.
    ///
    /// The pipe lets go of `receive`, and so of everything it holds (a writer's prepared statements), before
    /// the receiver counts as stopped: once ``finish()`` or ``cancel()`` returns, nothing on the receiver's
    /// thread still holds them, and the connection they belong to can be closed.
    func start(phase: String, _ receive: @escaping (Batch) throws -> Void) {
        condition.lock()
        body = receive
        condition.unlock()
        let thread = Thread { [self] in PhaseTimer.measure(phase) { self.run() } }
        thread.stackSize = 8 << 20
        thread.start()
    }

    /// What ``start(phase:_:)`` was given, until the receiver stops.
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
                try receive(batch)
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

    /// Calls the receiver's closure; its reference is gone when this returns.
    private func receive(_ batch: Batch) throws {
        condition.lock()
        let receive = body
        condition.unlock()
        try receive?(batch)
    }

    /// Adds to the batch being filled (`fill` is given it), and hands it over once it holds
    /// `itemsPerBatch` items; throws the receiver's error, if it has stopped on one.
    func send(_ fill: (Batch) -> Void) throws {
        fill(current)
        guard current.count >= itemsPerBatch else { return }
        condition.lock()
        defer { condition.unlock() }
        if let failure { throw failure }
        full.append(current)
        condition.broadcast()
        while free.isEmpty && failure == nil { condition.wait() }
        if let failure { throw failure }
        current = free.removeLast()
    }

    /// Hands over the last items and waits until the receiver has taken them all; rethrows its error.
    func finish() throws {
        condition.lock()
        defer { condition.unlock() }
        if !closed {
            if current.count > 0 { full.append(current) }
            current = Batch()
            closed = true
            condition.broadcast()
        }
        while !stopped { condition.wait() }
        if let failure { throw failure }
    }

    /// Stops the receiver without giving it the batches it has not started, and waits until it has stopped.
    func cancel() {
        condition.lock()
        defer { condition.unlock() }
        closed = true
        cancelled = true
        condition.broadcast()
        while !stopped { condition.wait() }
    }
}
