import Foundation

/// Development aid: with `$SALES_TIMING` set, the tools print to stderr how long each phase of their work
/// took, in wall time and in CPU time of the whole process (all threads), one line a phase:
/// `sales-timing     7.25 s wall    12.92 s cpu  read+stage 订单明细`. Without it, timing costs nothing.
enum PhaseTimer {
    static let isEnabled = ProcessInfo.processInfo.environment["SALES_TIMING"] != nil

    /// Runs `body`, timing it as `phase` when enabled.
    static func measure<T>(_ phase: @autoclosure () -> String, _ body: () throws -> T) rethrows -> T {
        guard isEnabled else { return try body() }
        let wall = DispatchTime.now().uptimeNanoseconds, cpu = processCPUNanoseconds()
        defer {
            let wallSeconds = Double(DispatchTime.now().uptimeNanoseconds - wall) / 1e9
            let cpuSeconds = Double(processCPUNanoseconds() - cpu) / 1e9
            let line = String(format: "sales-timing %8.2f s wall %8.2f s cpu  ", wallSeconds, cpuSeconds) + phase() + "\n"
            FileHandle.standardError.write(Data(line.utf8))
        }
        return try body()
    }

    private static func processCPUNanoseconds() -> UInt64 {
        var time = timespec()
        clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &time)
        return UInt64(time.tv_sec) * 1_000_000_000 + UInt64(time.tv_nsec)
    }
}
