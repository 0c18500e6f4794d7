import CZlib

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// One entry of a zip archive's central directory, checked against its local header.
struct ZipEntry: Sendable {
    /// The part name as stored (UTF-8).
    var name: String
    /// 0 (stored) or 8 (deflated).
    var method: UInt16
    var flags: UInt16
    var crc32: UInt32
    var compressedSize: UInt64
    var uncompressedSize: UInt64
    var localHeaderOffset: UInt64
    /// Where the entry's data begins, after the local header.
    var dataOffset: UInt64 = 0

    var isDirectory: Bool { name.hasSuffix("/") }
}

/// A read-only zip archive, read with `pread` so nothing is mapped or loaded whole.
///
/// Opening validates the whole directory: every local header matches its central entry, no two
/// entries overlap, no name is duplicated or escapes the package, and counts and sizes are capped.
final class ZipArchive {
    let path: String
    let displayName: String
    let limits: XLSXLimits
    private let fd: Int32
    let fileSize: UInt64
    private(set) var entries: [ZipEntry] = []
    /// Lower-cased name → index in `entries` (OPC part names are case-insensitive).
    private var index: [String: Int] = [:]
    /// Bytes inflated so far from this archive, across all parts.
    var totalInflated: UInt64 = 0

    init(path: String, displayName: String, limits: XLSXLimits) throws {
        self.path = path
        self.displayName = displayName
        self.limits = limits
        let fd = open(path, O_RDONLY | O_CLOEXEC)
        guard fd >= 0 else {
            throw XLSXError(.cannotOpen, "cannot open: \(String(cString: strerror(errno)))", file: displayName)
        }
        self.fd = fd
        var st = stat()
        guard fstat(fd, &st) == 0 else {
            close(fd)
            throw XLSXError(.io, "cannot read file size", file: displayName)
        }
        fileSize = UInt64(st.st_size)
        do {
            try readDirectory()
        } catch {
            close(fd)
            throw error
        }
    }

    deinit { close(fd) }

    /// The entry with this part name, compared case-insensitively.
    func entry(named name: String) -> ZipEntry? {
        index[name.lowercased()].map { entries[$0] }
    }

    // MARK: - Reading bytes

    /// Reads exactly `count` bytes at `offset`, or throws.
    func readExactly(_ buffer: UnsafeMutableRawPointer, count: Int, at offset: UInt64) throws {
        var done = 0
        while done < count {
            let n = pread(fd, buffer + done, count - done, off_t(offset) + off_t(done))
            if n < 0 {
                if errno == EINTR { continue }
                throw corrupt("read error: \(String(cString: strerror(errno)))", kind: .io)
            }
            if n == 0 { throw corrupt("unexpected end of file") }
            done += n
        }
    }

    /// Reads up to `count` bytes at `offset`; returns how many were read.
    func read(_ buffer: UnsafeMutableRawPointer, count: Int, at offset: UInt64) throws -> Int {
        while true {
            let n = pread(fd, buffer, count, off_t(offset))
            if n < 0 {
                if errno == EINTR { continue }
                throw corrupt("read error: \(String(cString: strerror(errno)))", kind: .io)
            }
            return n
        }
    }

    func bytes(at offset: UInt64, count: Int) throws -> [UInt8] {
        var out = [UInt8](repeating: 0, count: count)
        try out.withUnsafeMutableBytes { try readExactly($0.baseAddress!, count: count, at: offset) }
        return out
    }

    func corrupt(_ detail: String, kind: XLSXError.Kind = .corruptZip, part: String? = nil) -> XLSXError {
        XLSXError(kind, detail, file: displayName, part: part)
    }

    // MARK: - Directory

    private func readDirectory() throws {
        guard fileSize >= 22 else { throw XLSXError(.notAPackage, "too short to be a zip archive", file: displayName) }
        // The end-of-central-directory record sits in the last 22 + 65,535 bytes.
        let tailLength = Int(min(fileSize, 22 + 65_535))
        let tailStart = fileSize - UInt64(tailLength)
        let tail = try bytes(at: tailStart, count: tailLength)
        var eocd = -1
        var i = tailLength - 22
        while i >= 0 {
            if tail[i] == 0x50, tail[i + 1] == 0x4B, tail[i + 2] == 0x05, tail[i + 3] == 0x06 {
                eocd = i
                break
            }
            i -= 1
        }
        guard eocd >= 0 else { throw corrupt("no end-of-central-directory record (truncated or not a zip)") }
        var r = ByteReader(tail, at: eocd + 4)
        let diskNumber = r.u16()
        let cdDisk = r.u16()
        let entriesOnDisk = r.u16()
        let entryCount16 = r.u16()
        let cdSize32 = r.u32()
        let cdOffset32 = r.u32()
        guard diskNumber == 0 || diskNumber == 0xFFFF, cdDisk == 0 || cdDisk == 0xFFFF,
            entriesOnDisk == entryCount16
        else { throw corrupt("multi-volume zip archives are not supported") }
        var entryCount = UInt64(entryCount16)
        var cdSize = UInt64(cdSize32)
        var cdOffset = UInt64(cdOffset32)
        let eocdOffset = tailStart + UInt64(eocd)
        var directoryEnd = eocdOffset

        if entryCount16 == 0xFFFF || cdSize32 == 0xFFFF_FFFF || cdOffset32 == 0xFFFF_FFFF {
            // Zip64: a locator of 20 bytes precedes the classic record.
            guard eocdOffset >= 20 else { throw corrupt("zip64 locator missing") }
            let locator = try bytes(at: eocdOffset - 20, count: 20)
            var l = ByteReader(locator, at: 0)
            guard l.u32() == 0x0706_4B50 else { throw corrupt("zip64 locator missing") }
            _ = l.u32()
            let z64Offset = l.u64()
            guard z64Offset + 56 <= eocdOffset - 20 else { throw corrupt("zip64 record out of range") }
            let record = try bytes(at: z64Offset, count: 56)
            var z = ByteReader(record, at: 0)
            guard z.u32() == 0x0606_4B50 else { throw corrupt("zip64 end record missing") }
            z.skip(8 + 2 + 2 + 4 + 4)
            let onDisk = z.u64()
            entryCount = z.u64()
            guard onDisk == entryCount else { throw corrupt("multi-volume zip archives are not supported") }
            cdSize = z.u64()
            cdOffset = z.u64()
            directoryEnd = z64Offset
        }

        guard entryCount <= UInt64(limits.maxEntries) else {
            throw XLSXError(
                .limitExceeded, "the package lists \(entryCount) entries (limit \(limits.maxEntries))",
                file: displayName)
        }
        guard cdOffset <= directoryEnd, cdSize <= directoryEnd - cdOffset else {
            throw corrupt("central directory out of range")
        }
        guard cdSize <= UInt64(limits.maxEntries) * (46 + 3 * 65_535) else {
            throw XLSXError(.limitExceeded, "central directory too large", file: displayName)
        }
        let cd = try bytes(at: cdOffset, count: Int(cdSize))
        var c = ByteReader(cd, at: 0)
        var result: [ZipEntry] = []
        result.reserveCapacity(Int(entryCount))
        for _ in 0..<entryCount {
            guard c.remaining >= 46, c.u32() == 0x0201_4B50 else { throw corrupt("damaged central directory") }
            c.skip(4)
            let flags = c.u16()
            let method = c.u16()
            c.skip(4)
            let crc = c.u32()
            var csize = UInt64(c.u32())
            var usize = UInt64(c.u32())
            let nameLength = Int(c.u16())
            let extraLength = Int(c.u16())
            let commentLength = Int(c.u16())
            let diskStart = c.u16()
            c.skip(6)
            var offset = UInt64(c.u32())
            guard c.remaining >= nameLength + extraLength + commentLength else {
                throw corrupt("damaged central directory")
            }
            let nameBytes = c.take(nameLength)
            let extra = c.take(extraLength)
            c.skip(commentLength)
            // Zip64 extended information replaces the fields saturated at 0xFFFFFFFF, in this order.
            if usize == 0xFFFF_FFFF || csize == 0xFFFF_FFFF || offset == 0xFFFF_FFFF {
                var e = ByteReader(extra, at: 0)
                var found = false
                while e.remaining >= 4 {
                    let id = e.u16()
                    let size = Int(e.u16())
                    guard e.remaining >= size else { break }
                    if id == 0x0001 {
                        var z = ByteReader(e.take(size), at: 0)
                        if usize == 0xFFFF_FFFF, z.remaining >= 8 { usize = z.u64() }
                        if csize == 0xFFFF_FFFF, z.remaining >= 8 { csize = z.u64() }
                        if offset == 0xFFFF_FFFF, z.remaining >= 8 { offset = z.u64() }
                        found = true
                        break
                    }
                    e.skip(size)
                }
                guard found else { throw corrupt("zip64 sizes missing") }
            }
            guard diskStart == 0 || diskStart == 0xFFFF else {
                throw corrupt("multi-volume zip archives are not supported")
            }
            guard !nameBytes.contains(0), let name = String(validating: nameBytes, as: UTF8.self) ?? latin1(nameBytes)
            else { throw XLSXError(.unsafePath, "an entry name is not valid text", file: displayName) }
            try checkName(name)
            if flags & 1 != 0 {
                throw XLSXError(
                    .encrypted, "entry '\(name)' is encrypted; password-protected zips are not supported",
                    file: displayName)
            }
            result.append(
                ZipEntry(
                    name: name, method: method, flags: flags, crc32: crc, compressedSize: csize,
                    uncompressedSize: usize, localHeaderOffset: offset))
        }

        // Check each local header and that no two entries share bytes.
        for k in result.indices {
            let e = result[k]
            guard e.localHeaderOffset + 30 <= cdOffset else {
                throw corrupt("entry '\(e.name)' starts outside the archive")
            }
            let header = try bytes(at: e.localHeaderOffset, count: 30)
            var h = ByteReader(header, at: 0)
            guard h.u32() == 0x0403_4B50 else { throw corrupt("entry '\(e.name)' has no local header") }
            h.skip(22)
            let n = Int(h.u16())
            let x = Int(h.u16())
            guard n == e.name.utf8.count,
                try bytes(at: e.localHeaderOffset + 30, count: n) == Array(e.name.utf8)
            else { throw corrupt("entry '\(e.name)': local and central names differ") }
            result[k].dataOffset = e.localHeaderOffset + 30 + UInt64(n) + UInt64(x)
            guard result[k].dataOffset <= cdOffset, e.compressedSize <= cdOffset - result[k].dataOffset else {
                throw corrupt("entry '\(e.name)' extends past the central directory")
            }
            if e.method == 0, e.compressedSize != e.uncompressedSize {
                throw corrupt("stored entry '\(e.name)' declares different sizes")
            }
        }
        let byOffset = result.indices.sorted { result[$0].localHeaderOffset < result[$1].localHeaderOffset }
        for (a, b) in zip(byOffset, byOffset.dropFirst()) {
            let end = result[a].dataOffset + result[a].compressedSize
            if end > result[b].localHeaderOffset {
                throw corrupt("entries '\(result[a].name)' and '\(result[b].name)' overlap")
            }
        }
        for (k, e) in result.enumerated() {
            let key = e.name.lowercased()
            if index[key] != nil {
                throw XLSXError(.unsafePath, "duplicate part name '\(e.name)'", file: displayName)
            }
            index[key] = k
        }
        entries = result
    }

    private func checkName(_ name: String) throws {
        let bad: String?
        if name.hasPrefix("/") || name.hasPrefix("\\") {
            bad = "is absolute"
        } else if name.contains("\\") {
            bad = "contains a backslash"
        } else if name.split(separator: "/", omittingEmptySubsequences: false).contains(where: { $0 == ".." }) {
            bad = "contains '..'"
        } else if name.utf8.count > 1024 {
            bad = "is too long"
        } else {
            bad = nil
        }
        if let bad {
            throw XLSXError(.unsafePath, "entry name '\(name.prefix(120))' \(bad)", file: displayName)
        }
    }
}

private func latin1(_ bytes: ArraySlice<UInt8>) -> String? {
    String(bytes.map { Character(Unicode.Scalar($0)) })
}

/// Little-endian field reader over a byte array; reads past the end yield zeros (callers check `remaining`).
struct ByteReader {
    private let bytes: [UInt8]
    private(set) var position: Int

    init(_ bytes: [UInt8], at position: Int) {
        self.bytes = bytes
        self.position = position
    }

    init(_ slice: ArraySlice<UInt8>, at position: Int) {
        self.init(Array(slice), at: position)
    }

    var remaining: Int { max(0, bytes.count - position) }

    mutating func u16() -> UInt16 {
        defer { position += 2 }
        guard position + 2 <= bytes.count else { return 0 }
        return UInt16(bytes[position]) | UInt16(bytes[position + 1]) << 8
    }

    mutating func u32() -> UInt32 {
        UInt32(u16()) | UInt32(u16()) << 16
    }

    mutating func u64() -> UInt64 {
        UInt64(u32()) | UInt64(u32()) << 32
    }

    mutating func skip(_ n: Int) { position += n }

    mutating func take(_ n: Int) -> ArraySlice<UInt8> {
        let start = min(position, bytes.count)
        let end = min(position + n, bytes.count)
        position += n
        return bytes[start..<end]
    }
}
