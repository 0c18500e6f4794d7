import Foundation

/// Runs `body(0)`, `body(1)`, … on `count` dedicated threads released at the same moment, waits for all,
/// and returns the errors they threw (empty when every call succeeded).
///
/// Real threads, not tasks: the store's calls block, and a test wants true contention even on two cores.
public func runOnThreads(_ count: Int, _ body: @escaping @Sendable (Int) throws -> Void) -> [any Error] {
    let errors = Collected<any Error>()
    let ready = DispatchSemaphore(value: 0)
    let start = DispatchSemaphore(value: 0)
    let finished = DispatchGroup()
    for index in 0..<count {
        finished.enter()
        let thread = Thread {
            ready.signal()
            start.wait()
            do { try body(index) } catch { errors.append(error) }
            finished.leave()
        }
        thread.start()
    }
    for _ in 0..<count { ready.wait() }
    for _ in 0..<count { start.signal() }
    finished.wait()
    return errors.values
}

/// A list that several threads append to.
public final class Collected<Element>: @unchecked Sendable {
    private let lock = NSLock()
    private var storage: [Element] = []

    public init() {}

    /// Adds `element` at the end.
    public func append(_ element: Element) {
        lock.lock()
        defer { lock.unlock() }
        storage.append(element)
    }

    /// A copy of the elements so far.
    public var values: [Element] {
        lock.lock()
        defer { lock.unlock() }
        return storage
    }
}

/// A small deterministic generator (SplitMix64), so a failing randomised case can be replayed from its seed.
public struct SeededRandom: RandomNumberGenerator {
    private var state: UInt64

    public init(seed: UInt64) { state = seed }

    public mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}
