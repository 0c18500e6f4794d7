import Foundation

/// Work on consecutive chunks of an array, one chunk per core at once, with the results in input order: the
/// same results as one loop, in less time where the work per item is pure arithmetic or formatting.
enum Parallel {
    /// `transform` of each chunk of `items`, in order. The chunks are as many as the active processors (at
    /// most), each at least `minimumChunk` items, so small inputs take one call on the calling thread.
    /// `transform` runs on several threads at once: it must not touch shared mutable state.
    static func map<T, R>(
        chunksOf items: [T], minimumChunk: Int = 2_048, _ transform: (ArraySlice<T>) -> R
    ) -> [R] {
        let cores = max(ProcessInfo.processInfo.activeProcessorCount, 1)
        let count = max(1, min(cores, items.count / max(minimumChunk, 1)))
        guard count > 1 else { return [transform(items[...])] }
        let size = (items.count + count - 1) / count
        var results = [R?](repeating: nil, count: count)
        let shared = UncheckedSendable(items)
        withoutActuallyEscaping(transform) { transform in
            let work = UncheckedSendable(transform)
            results.withUnsafeMutableBufferPointer { slots in
                let out = UncheckedSendable(slots)
                DispatchQueue.concurrentPerform(iterations: count) { k in
                    // Each chunk writes only its own slot.
                    out.value[k] = work.value(shared.value[(k * size)..<min((k + 1) * size, shared.value.count)])
                }
            }
        }
        return results.map { $0! }
    }

    /// `first()` and `second()`, each on its own core (one after the other, in that order, on one core),
    /// with what each returned or threw.
    static func both<A, B>(
        _ first: () throws -> A, _ second: () throws -> B
    ) -> (Result<A, any Error>, Result<B, any Error>) {
        let halves = map(chunksOf: [0, 1], minimumChunk: 1) {
            chunk -> (Result<A, any Error>?, Result<B, any Error>?) in
            var a: Result<A, any Error>?
            var b: Result<B, any Error>?
            for part in chunk {
                if part == 0 { a = Result { try first() } } else { b = Result { try second() } }
            }
            return (a, b)
        }
        return (halves.lazy.compactMap(\.0).first!, halves.lazy.compactMap(\.1).first!)
    }
}

/// A value handed to the threads of ``Parallel/map(chunksOf:minimumChunk:_:)``, which keeps their accesses apart.
private struct UncheckedSendable<Value>: @unchecked Sendable {
    let value: Value
    init(_ value: Value) { self.value = value }
}
