import CZlib

/// Streams one entry's inflated bytes, checking size, ratio, total and CRC as it goes.
///
/// Compressed bytes are read with `pread` in chunks; inflated bytes go straight into the caller's buffer.
final class ZipEntryStream {
    private let archive: ZipArchive
    let entry: ZipEntry
    private var stream = z_stream()
    private var input: UnsafeMutablePointer<UInt8>
    private let inputCapacity = 256 * 1024
    private var compressedRead: UInt64 = 0
    private(set) var produced: UInt64 = 0
    private var crc: UInt = 0
    private var finished = false
    private var initialized = false

    init(archive: ZipArchive, entry: ZipEntry) throws {
        try Self.check(entry, in: archive)
        self.archive = archive
        self.entry = entry
        input = .allocate(capacity: inputCapacity)
        // From here on deinit runs if init throws, and releases what was allocated.
        if entry.method == 8 {
            guard czlib_inflate_init_raw(&stream) == Z_OK else {
                throw XLSXError(.io, "cannot start inflating", file: archive.displayName, part: entry.name)
            }
            initialized = true
        }
    }

    /// Refuses an entry by what it declares, before any byte is inflated.
    private static func check(_ entry: ZipEntry, in archive: ZipArchive) throws {
        let limits = archive.limits
        guard entry.method == 0 || entry.method == 8 else {
            throw XLSXError(
                .unsupported, "compression method \(entry.method) is not supported",
                file: archive.displayName, part: entry.name)
        }
        guard entry.uncompressedSize <= limits.maxPartBytes else {
            throw XLSXError(
                .limitExceeded,
                "part declares \(entry.uncompressedSize) bytes (limit \(limits.maxPartBytes))",
                file: archive.displayName, part: entry.name)
        }
        let ratio = entry.uncompressedSize / max(entry.compressedSize, 1)
        if entry.uncompressedSize > limits.ratioFloorBytes, ratio > limits.maxCompressionRatio {
            throw XLSXError(
                .limitExceeded,
                "part inflates \(ratio):1 (limit \(limits.maxCompressionRatio):1); refusing a likely zip bomb",
                file: archive.displayName, part: entry.name)
        }
    }

    deinit {
        if initialized { inflateEnd(&stream) }
        input.deallocate()
    }

    private func fail(_ detail: String, _ kind: XLSXError.Kind = .corruptZip) -> XLSXError {
        XLSXError(kind, detail, file: archive.displayName, part: entry.name)
    }

    /// Fills up to `capacity` bytes; returns 0 at the end of the entry (after the CRC has been checked).
    func read(into buffer: UnsafeMutablePointer<UInt8>, capacity: Int) throws -> Int {
        if finished || capacity == 0 { return 0 }
        var n: Int
        if entry.method == 0 {
            let left = entry.uncompressedSize - produced
            let want = Int(min(UInt64(capacity), left))
            n = want == 0 ? 0 : try archive.read(buffer, count: want, at: entry.dataOffset + produced)
            if want > 0 && n == 0 { throw fail("entry is truncated") }
        } else {
            n = try inflate(into: buffer, capacity: capacity)
        }
        produced += UInt64(n)
        archive.totalInflated += UInt64(n)
        if produced > entry.uncompressedSize {
            throw fail("entry inflates past its declared size of \(entry.uncompressedSize) bytes")
        }
        if archive.totalInflated > archive.limits.maxTotalBytes {
            throw fail("the package inflates past \(archive.limits.maxTotalBytes) bytes in all", .limitExceeded)
        }
        if n > 0 { crc = crc32(crc, buffer, UInt32(n)) }
        if n == 0 || (entry.method == 0 && produced == entry.uncompressedSize) {
            try finish()
        }
        return n
    }

    /// Reads the rest of the entry without keeping it, checking its size, ratio and CRC as ``read(into:capacity:)``.
    func skipToEnd() throws {
        let capacity = 64 << 10
        let scratch = UnsafeMutablePointer<UInt8>.allocate(capacity: capacity)
        defer { scratch.deallocate() }
        while try read(into: scratch, capacity: capacity) > 0 {}
    }

    private func finish() throws {
        finished = true
        guard produced == entry.uncompressedSize else {
            throw fail("entry holds \(produced) bytes, not the \(entry.uncompressedSize) it declares")
        }
        guard UInt32(truncatingIfNeeded: crc) == entry.crc32 else { throw fail("CRC mismatch: the entry is damaged") }
    }

    private var streamEnded = false

    private func inflate(into buffer: UnsafeMutablePointer<UInt8>, capacity: Int) throws -> Int {
        if streamEnded { return 0 }
        stream.next_out = buffer
        stream.avail_out = UInt32(min(capacity, Int(UInt32.max)))
        while stream.avail_out > 0 {
            if stream.avail_in == 0 {
                let left = entry.compressedSize - compressedRead
                if left > 0 {
                    let want = Int(min(UInt64(inputCapacity), left))
                    let got = try archive.read(input, count: want, at: entry.dataOffset + compressedRead)
                    if got == 0 { throw fail("entry is truncated") }
                    compressedRead += UInt64(got)
                    stream.next_in = input
                    stream.avail_in = UInt32(got)
                }
            }
            let before = stream.avail_out
            let status = CZlib.inflate(&stream, Z_NO_FLUSH)
            switch status {
            case Z_STREAM_END:
                streamEnded = true
                return capacity - Int(stream.avail_out)
            case Z_OK:
                break
            case Z_BUF_ERROR:
                if stream.avail_in == 0 && compressedRead >= entry.compressedSize {
                    throw fail("entry is truncated: compressed data ends early")
                }
                if stream.avail_out == before && stream.avail_in > 0 {
                    throw fail("entry is damaged: inflate made no progress")
                }
            default:
                throw fail("entry is damaged: inflate failed (\(status))")
            }
        }
        return capacity - Int(stream.avail_out)
    }

    /// Reads the whole entry into memory, refusing parts larger than `limit`.
    func readAll(limit: UInt64) throws -> [UInt8] {
        guard entry.uncompressedSize <= limit else {
            throw fail("part is \(entry.uncompressedSize) bytes (limit \(limit))", .limitExceeded)
        }
        var out = [UInt8](repeating: 0, count: Int(entry.uncompressedSize))
        var filled = 0
        try out.withUnsafeMutableBufferPointer { buf in
            while true {
                if filled == buf.count {
                    // Any further byte means the entry lies about its size; read() throws for it.
                    var probe: UInt8 = 0
                    if try read(into: &probe, capacity: 1) != 0 {
                        throw fail("entry inflates past its declared size of \(entry.uncompressedSize) bytes")
                    }
                    return
                }
                let n = try read(into: buf.baseAddress! + filled, capacity: buf.count - filled)
                if n == 0 { return }
                filled += n
            }
        }
        return out
    }
}
