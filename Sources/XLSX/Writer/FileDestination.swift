import Foundation

/// What an output path names, so that a finished file replaces only what should be replaced.
///
/// Every tool writes its files to a temporary name and renames it into place, so a reader never sees half a
/// file. Renaming over a device, a pipe or a socket would replace that node itself: `--out /dev/null` run
/// as root would leave an ordinary file where the null device was, and `--out /dev/stdout` would write
/// nowhere a pipe could read. Such a path is written in place instead.
public enum FileDestination {
    /// Whether `path` names something that exists and is neither a regular file nor a folder (after
    /// following symbolic links): a character or block device, a FIFO or a socket.
    public static func isSpecial(_ path: String) -> Bool {
        var info = stat()
        guard stat(path, &info) == 0 else { return false }
        let type = info.st_mode & S_IFMT
        return type != S_IFREG && type != S_IFDIR
    }

    /// Writes `data` to `path`: in place when ``isSpecial(_:)``, otherwise to a temporary file renamed over
    /// `path` once complete.
    ///
    /// - Throws: `POSIXError` with the failing call's `errno`, or Foundation's error for the atomic write.
    public static func write(_ data: Data, to path: String) throws {
        guard isSpecial(path) else {
            try data.write(to: URL(fileURLWithPath: path), options: .atomic)
            return
        }
        let fd = open(path, O_WRONLY | O_CLOEXEC)
        guard fd >= 0 else { throw POSIXError(POSIXErrorCode(rawValue: errno) ?? .EIO) }
        defer { close(fd) }
        try data.withUnsafeBytes { raw in
            var offset = 0
            while offset < raw.count {
                let written = Foundation.write(fd, raw.baseAddress! + offset, raw.count - offset)
                if written < 0 {
                    if errno == EINTR { continue }
                    throw POSIXError(POSIXErrorCode(rawValue: errno) ?? .EIO)
                }
                offset += written
            }
        }
    }
}
