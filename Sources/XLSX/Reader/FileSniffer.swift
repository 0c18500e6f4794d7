#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// What a file's first bytes say it is, before any zip parsing.
enum FileSniffer {
    enum Kind: Equatable {
        case zip
        case empty
        /// An OLE compound file holding an `EncryptedPackage` stream: a password-protected OOXML workbook.
        case encryptedOOXML
        /// An OLE compound file without one: a legacy `.xls` (BIFF) workbook.
        case legacyXLS
        /// Readable text, e.g. a CSV saved with an `.xlsx` name.
        case text
        case unknown
    }

    static func sniff(path: String, displayName: String) throws -> Kind {
        let fd = open(path, O_RDONLY | O_CLOEXEC)
        guard fd >= 0 else {
            let reason = String(cString: strerror(errno))
            throw XLSXError(.cannotOpen, "cannot open: \(reason)", file: displayName)
        }
        defer { close(fd) }
        var head = [UInt8](repeating: 0, count: 4096)
        let n = head.withUnsafeMutableBytes { pread(fd, $0.baseAddress, 4096, 0) }
        guard n >= 0 else {
            throw XLSXError(.io, "cannot read: \(String(cString: strerror(errno)))", file: displayName)
        }
        head.removeSubrange(n...)
        if head.isEmpty { return .empty }
        if head.starts(with: [0x50, 0x4B, 0x03, 0x04]) || head.starts(with: [0x50, 0x4B, 0x05, 0x06]) {
            return .zip
        }
        if head.starts(with: [0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1]) {
            return try containsEncryptedPackage(fd: fd) ? .encryptedOOXML : .legacyXLS
        }
        if looksLikeText(head) { return .text }
        return .unknown
    }

    /// Scans the compound file's first megabytes for the UTF-16 name of the `EncryptedPackage` stream.
    private static func containsEncryptedPackage(fd: Int32) throws -> Bool {
        let needle: [UInt8] = Array("EncryptedPackage".utf16.flatMap { [UInt8($0 & 0xFF), UInt8($0 >> 8)] })
        let chunk = 1 << 20
        var buffer = [UInt8](repeating: 0, count: chunk + needle.count)
        var offset: off_t = 0
        var carried = 0
        while offset < 64 << 20 {
            let n = buffer.withUnsafeMutableBytes { pread(fd, $0.baseAddress! + carried, chunk, offset) }
            if n <= 0 { return false }
            let total = carried + n
            if total >= needle.count {
                for i in 0...(total - needle.count) where buffer[i] == needle[0] {
                    if buffer[i..<(i + needle.count)].elementsEqual(needle) { return true }
                }
                carried = needle.count - 1
                for k in 0..<carried { buffer[k] = buffer[total - carried + k] }
            } else {
                carried = total
            }
            offset += off_t(n)
        }
        return false
    }

    /// Text: no control bytes other than tab, CR and LF (UTF-8 and GB18030 text alike), or a UTF-16 BOM.
    private static func looksLikeText(_ head: [UInt8]) -> Bool {
        if head.starts(with: [0xFF, 0xFE]) || head.starts(with: [0xFE, 0xFF]) { return true }
        return !head.contains { $0 < 0x20 && $0 != 0x09 && $0 != 0x0A && $0 != 0x0D }
    }
}
