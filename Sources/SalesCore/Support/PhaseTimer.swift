import Foundation

/// Development aid: with `$SALES_TIMING` set, the tools print to stderr how long each phase of their work
/// took, in wall time, in CPU time of the whole process (all threads) and of the thread that ran it, one
/// line a phase: `sales-timing  W s wall  C s cpu  T s thread  read+stage 订单明细`, each time in seconds with
/// two decimals. Without it, timing costs nothing.
enum PhaseTimer {
    static let isEnabled = ProcessInfo.processInfo.environment["SALES_TIMING"] != nil

    /// Runs `body`, timing it as `phase` when enabled.
    static func measure<T>(_ phase: @autoclosure () -> String, _ body: () throws -> T) rethrows -> T {
        guard isEnabled else { return try body() }
        let wall = DispatchTime.now().uptimeNanoseconds
        let cpu = nanoseconds(CLOCK_PROCESS_CPUTIME_ID)
        let thread = nanoseconds(CLOCK_THREAD_CPUTIME_ID)
        defer {
            let line =
                String(
                    format: "sales-timing %8.2f s wall %8.2f s cpu %8.2f s thread  ",
                    Double(DispatchTime.now().uptimeNanoseconds - wall) / 1e9,
                    Double(nanoseconds(CLOCK_PROCESS_CPUTIME_ID) - cpu) / 1e9,
                    Double(nanoseconds(CLOCK_THREAD_CPUTIME_ID) - thread) / 1e9) + phase() + "\n"
            FileHandle.standardError.write(Data(line.utf8))
        }
        return try body()
    }

    private static func nanoseconds(_ clock: clockid_t) -> UInt64 {
        var time = timespec()
        clock_gettime(clock, &time)
        return UInt64(time.tv_sec) * 1_000_000_000 + UInt64(time.tv_nsec)
    }
}
