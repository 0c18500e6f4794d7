import Foundation

/// Buffered writing to standard output or standard error, flushed in large pieces.
public final class OutputBuffer: @unchecked Sendable {
    private let handle: FileHandle
    private var buffer: [UInt8] = []
    private let capacity: Int

    public static let standardOutput = OutputBuffer(handle: .standardOutput)
    public static let standardError = OutputBuffer(handle: .standardError, capacity: 0)

    public init(handle: FileHandle, capacity: Int = 64 * 1024) {
        self.handle = handle
        self.capacity = capacity
        buffer.reserveCapacity(capacity)
    }

    public func write(_ text: String) {
        buffer.append(contentsOf: text.utf8)
        if buffer.count >= capacity { flush() }
    }

    public func flush() {
        guard !buffer.isEmpty else { return }
        handle.write(Data(buffer))
        buffer.removeAll(keepingCapacity: true)
    }

    deinit { flush() }
}

/// Facts about the terminal the tool runs in.
public enum Terminal {
    /// Whether the file descriptor is a terminal (progress and colour only then).
    public static func isTerminal(_ fd: Int32) -> Bool { isatty(fd) == 1 }

    /// Columns of the terminal on standard output, else `$COLUMNS`, else 100.
    public static var width: Int {
        var size = winsize()
        if isatty(1) == 1, ioctl(1, UInt(TIOCGWINSZ), &size) == 0, size.ws_col >= 40 { return Int(size.ws_col) }
        if let columns = ProcessInfo.processInfo.environment["COLUMNS"].flatMap(Int.init), columns >= 40 {
            return columns
        }
        return 100
    }
}
