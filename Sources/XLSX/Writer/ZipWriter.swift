import CZlib
import Foundation

/// Writes a zip archive entry by entry, streaming each entry's bytes through raw deflate.
///
/// The archive is written to `PATH.tmp-<pid>` and renamed over `PATH` by ``finish()``, so a
/// half-written archive never appears at `PATH`; a writer released without `finish()` removes its
/// temporary file. Sizes and CRCs are patched into each local header once its entry ends (no data
/// descriptors), every entry carries the fixed DOS timestamp 1980-01-01 00:00, and the same calls
/// always produce the same bytes. Zip64 is not written: an entry or archive that would pass 4 GiB,
/// or more than 65,535 entries, throws ``XLSXError/Kind/limitExceeded``.
///
/// ```swift
/// let zip = try ZipWriter(path: "out.zip")
/// try zip.beginEntry(name: "a.txt", compress: true)
/// try zip.write(Array("hello".utf8))
/// try zip.endEntry()
/// try zip.finish()
/// ```
final class ZipWriter {
    /// The path the finished archive is renamed to.
    let path: String
    /// Where bytes go until ``finish()``.
    let temporaryPath: String

    private var fd: Int32
    /// Whether the temporary file exists and is ours to remove.
    private var ownsTemporaryFile = true
    /// Whether bytes go straight to `path`, a device or pipe that a rename would replace
    /// (``FileDestination/isSpecial(_:)``).
    private let inPlace: Bool
    private let level: Int32

    // MARK: Output buffer
    private let buffer: UnsafeMutablePointer<UInt8>
    private let bufferCapacity: Int
    private var bufferCount = 0
    /// Bytes already handed to the file; `flushedOffset + bufferCount` is the archive's length.
    private var flushedOffset: UInt64 = 0

    // MARK: Entries
    private var entries: [CentralRecord] = []
    private var current: OpenEntry?
    private var names: Set<[UInt8]> = []
    /// On the heap: zlib keeps a pointer back to the stream, so its address must never change.
    private let stream: UnsafeMutablePointer<z_stream>
    private var streamReady = false
    private var state: State = .open

    private enum State { case open, finished, failed }

    /// What the central directory needs to know about a finished entry.
    private struct CentralRecord {
        var name: [UInt8]
        var method: UInt16
        var crc: UInt32
        var compressedSize: UInt32
        var size: UInt32
        var headerOffset: UInt32
    }

    /// The entry being written.
    private struct OpenEntry {
        var name: [UInt8]
        var compress: Bool
        var headerOffset: UInt64
        var dataOffset: UInt64
        var crc: uLong = 0
        var size: UInt64 = 0
    }

    private static let maxField = UInt64(UInt32.max)
    /// DOS date of 1980-01-01 (year 0, month 1, day 1); the time is 00:00:00.
    private static let dosDate: UInt16 = (1 << 5) | 1
    private static let dosTime: UInt16 = 0

    /// Creates the temporary file next to `path`.
    ///
    /// - Parameters:
    ///   - path: Where the archive appears once finished.
    ///   - compressionLevel: zlib level, 0 (store) to 9 (smallest); 6 by default.
    ///   - bufferSize: Bytes gathered before each `write(2)`.
    /// - Throws: ``XLSXError/Kind/io`` when the temporary file cannot be created.
    init(path: String, compressionLevel: Int = 6, bufferSize: Int = 256 * 1024) throws {
        precondition((0...9).contains(compressionLevel), "zlib levels run from 0 to 9")
        let inPlace = FileDestination.isSpecial(path)
        let temporaryPath = inPlace ? path : "\(path).tmp-\(getpid())"
        let descriptor =
            inPlace
            ? open(path, O_WRONLY | O_CLOEXEC)
            : open(temporaryPath, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o644)
        guard descriptor >= 0 else { throw Self.ioError("cannot create \(temporaryPath)", file: path) }
        self.path = path
        self.inPlace = inPlace
        ownsTemporaryFile = !inPlace
        self.temporaryPath = temporaryPath
        self.fd = descriptor
        self.level = Int32(compressionLevel)
        bufferCapacity = max(bufferSize, 4096)
        buffer = .allocate(capacity: bufferCapacity)
        stream = .allocate(capacity: 1)
        stream.initialize(to: z_stream())
    }

    deinit {
        if streamReady { deflateEnd(stream) }
        if fd >= 0 { close(fd) }
        if ownsTemporaryFile { unlink(temporaryPath) }
        stream.deallocate()
        buffer.deallocate()
    }

    // MARK: - Entries

    /// Starts an entry; its bytes follow through `write(_:)`.
    ///
    /// - Parameters:
    ///   - name: The entry's path inside the archive, with `/` separators.
    ///   - compress: Deflate the entry (`true`) or store it as is.
    /// - Throws: ``XLSXError/Kind/limitExceeded`` past 65,535 entries or a 4 GiB archive.
    func beginEntry(name: String, compress: Bool = true) throws {
        try checkOpen()
        precondition(current == nil, "ZipWriter.beginEntry called before endEntry")
        let nameBytes = Array(name.utf8)
        precondition(!nameBytes.isEmpty && nameBytes.count <= 0xFFFF, "zip entry names are 1 to 65,535 bytes")
        precondition(names.insert(nameBytes).inserted, "duplicate zip entry \(name)")
        guard entries.count < 0xFFFF else {
            try fail(XLSXError(.limitExceeded, "more than 65,535 zip entries (Zip64 is not written)", file: path))
        }
        let headerOffset = offset
        guard headerOffset <= Self.maxField else { try fail(tooLarge()) }

        // Local file header; CRC and sizes are patched by endEntry().
        var header = [UInt8]()
        header.reserveCapacity(30 + nameBytes.count)
        header.appendLE(UInt32(0x0403_4b50))
        header.appendLE(UInt16(20))  // version needed: 2.0 (deflate)
        header.appendLE(Self.flags(for: nameBytes))
        header.appendLE(UInt16(compress ? 8 : 0))
        header.appendLE(Self.dosTime)
        header.appendLE(Self.dosDate)
        header.appendLE(UInt32(0))  // CRC-32
        header.appendLE(UInt32(0))  // compressed size
        header.appendLE(UInt32(0))  // uncompressed size
        header.appendLE(UInt16(nameBytes.count))
        header.appendLE(UInt16(0))  // extra field length
        header.append(contentsOf: nameBytes)
        try header.withUnsafeBytes { try emit($0) }

        if compress {
            let rc: Int32
            if streamReady {
                rc = deflateReset(stream)
            } else {
                rc = czlib_deflate_init_raw(stream, level)
                streamReady = rc == Z_OK
            }
            guard rc == Z_OK else { try fail(XLSXError(.io, "zlib deflate setup failed (\(rc))", file: path)) }
        }
        current = OpenEntry(name: nameBytes, compress: compress, headerOffset: headerOffset, dataOffset: offset)
    }

    /// Appends bytes to the open entry.
    func write(_ bytes: [UInt8]) throws {
        try bytes.withUnsafeBytes { try write($0) }
    }

    /// Appends bytes to the open entry.
    ///
    /// - Throws: ``XLSXError/Kind/limitExceeded`` when the entry passes 4 GiB, ``XLSXError/Kind/io`` on a failed write.
    func write(_ bytes: UnsafeRawBufferPointer) throws {
        try checkOpen()
        guard var entry = current else { preconditionFailure("ZipWriter.write called outside an entry") }
        guard !bytes.isEmpty, let base = bytes.baseAddress else { return }
        entry.size += UInt64(bytes.count)
        guard entry.size <= Self.maxField else { try fail(tooLarge(entry)) }
        let input = base.assumingMemoryBound(to: UInt8.self)
        entry.crc = crc32(entry.crc, input, uInt(bytes.count))
        current = entry
        if entry.compress {
            stream.pointee.next_in = UnsafeMutablePointer(mutating: input)
            stream.pointee.avail_in = uInt(bytes.count)
            try deflateBuffered(flush: Z_NO_FLUSH)
            stream.pointee.next_in = nil
        } else {
            try emit(bytes)
        }
        if offset - entry.dataOffset > Self.maxField { try fail(tooLarge(entry)) }
        if offset > Self.maxField { try fail(tooLarge()) }
    }

    /// Ends the open entry and patches its local header with the CRC and sizes.
    func endEntry() throws {
        try checkOpen()
        guard let entry = current else { preconditionFailure("ZipWriter.endEntry called outside an entry") }
        if entry.compress {
            try deflateBuffered(flush: Z_FINISH)
        }
        current = nil
        let compressedSize = offset - entry.dataOffset
        guard compressedSize <= Self.maxField, offset <= Self.maxField else { try fail(tooLarge(entry)) }

        var patch = [UInt8]()
        patch.reserveCapacity(12)
        patch.appendLE(UInt32(truncatingIfNeeded: entry.crc))
        patch.appendLE(UInt32(compressedSize))
        patch.appendLE(UInt32(entry.size))
        try patch.withUnsafeBytes { try overwrite($0, at: entry.headerOffset + 14) }

        entries.append(
            CentralRecord(
                name: entry.name, method: entry.compress ? 8 : 0, crc: UInt32(truncatingIfNeeded: entry.crc),
                compressedSize: UInt32(compressedSize), size: UInt32(entry.size),
                headerOffset: UInt32(entry.headerOffset)))
    }

    /// Adds a whole entry at once.
    func addEntry(name: String, bytes: [UInt8], compress: Bool = true) throws {
        try beginEntry(name: name, compress: compress)
        try write(bytes)
        try endEntry()
    }

    // MARK: - Finishing

    /// Writes the central directory, flushes, syncs and renames the archive over ``path``.
    ///
    /// - Throws: ``XLSXError/Kind/io`` when the file cannot be written or renamed.
    func finish() throws {
        try checkOpen()
        precondition(current == nil, "ZipWriter.finish called with an entry still open")
        let directoryOffset = offset
        var directory = [UInt8]()
        for entry in entries {
            directory.appendLE(UInt32(0x0201_4b50))
            directory.appendLE(UInt16(20))  // version made by: MS-DOS, 2.0
            directory.appendLE(UInt16(20))  // version needed
            directory.appendLE(Self.flags(for: entry.name))
            directory.appendLE(entry.method)
            directory.appendLE(Self.dosTime)
            directory.appendLE(Self.dosDate)
            directory.appendLE(entry.crc)
            directory.appendLE(entry.compressedSize)
            directory.appendLE(entry.size)
            directory.appendLE(UInt16(entry.name.count))
            directory.appendLE(UInt16(0))  // extra field length
            directory.appendLE(UInt16(0))  // comment length
            directory.appendLE(UInt16(0))  // disk number start
            directory.appendLE(UInt16(0))  // internal attributes
            directory.appendLE(UInt32(0))  // external attributes
            directory.appendLE(entry.headerOffset)
            directory.append(contentsOf: entry.name)
        }
        let directoryEnd = directoryOffset + UInt64(directory.count)
        guard directoryEnd <= Self.maxField else { try fail(tooLarge()) }
        directory.appendLE(UInt32(0x0605_4b50))
        directory.appendLE(UInt16(0))  // this disk
        directory.appendLE(UInt16(0))  // disk with the central directory
        directory.appendLE(UInt16(entries.count))
        directory.appendLE(UInt16(entries.count))
        directory.appendLE(UInt32(directoryEnd - directoryOffset))
        directory.appendLE(UInt32(directoryOffset))
        directory.appendLE(UInt16(0))  // comment length
        try directory.withUnsafeBytes { try emit($0) }
        try flush()

        if !inPlace, fsync(fd) != 0 { try fail(Self.ioError("cannot sync \(temporaryPath)", file: path)) }
        let closed = close(fd)
        fd = -1
        if closed != 0 { try fail(Self.ioError("cannot close \(temporaryPath)", file: path)) }
        if !inPlace, rename(temporaryPath, path) != 0 {
            try fail(Self.ioError("cannot rename \(temporaryPath) to \(path)", file: path))
        }
        ownsTemporaryFile = false
        state = .finished
    }

    // MARK: - Output

    /// The archive's length so far.
    private var offset: UInt64 { flushedOffset + UInt64(bufferCount) }

    /// Runs deflate over `stream.next_in`, writing straight into the output buffer.
    private func deflateBuffered(flush mode: Int32) throws {
        while true {
            if bufferCount == bufferCapacity { try flush() }
            let room = bufferCapacity - bufferCount
            stream.pointee.next_out = buffer + bufferCount
            stream.pointee.avail_out = uInt(room)
            let rc = deflate(stream, mode)
            bufferCount += room - Int(stream.pointee.avail_out)
            switch (rc, mode) {
            case (Z_STREAM_END, Z_FINISH):
                return
            case (Z_OK, Z_FINISH):
                continue  // the buffer filled up; flush it and go on
            case (Z_OK, _), (Z_BUF_ERROR, Z_NO_FLUSH):
                // Without a flush, deflate stops when the input is gone or the output is full.
                if stream.pointee.avail_in == 0, stream.pointee.avail_out != 0 { return }
            default:
                try fail(XLSXError(.io, "zlib deflate failed (\(rc))", file: path))
            }
        }
    }

    /// Appends bytes to the output buffer, flushing as it fills.
    private func emit(_ bytes: UnsafeRawBufferPointer) throws {
        guard var source = bytes.baseAddress else { return }
        var remaining = bytes.count
        if remaining >= bufferCapacity {
            try flush()
            try writeAll(source, remaining)
            flushedOffset += UInt64(remaining)
            return
        }
        while remaining > 0 {
            if bufferCount == bufferCapacity { try flush() }
            let n = min(remaining, bufferCapacity - bufferCount)
            (buffer + bufferCount).update(from: source.assumingMemoryBound(to: UInt8.self), count: n)
            bufferCount += n
            source += n
            remaining -= n
        }
    }

    /// Replaces bytes already emitted, in the buffer or on disk.
    private func overwrite(_ bytes: UnsafeRawBufferPointer, at position: UInt64) throws {
        precondition(position + UInt64(bytes.count) <= offset)
        var written = 0
        // The part still on disk, if any.
        if position < flushedOffset {
            let onDisk = Int(min(UInt64(bytes.count), flushedOffset - position))
            var done = 0
            while done < onDisk {
                let n = pwrite(fd, bytes.baseAddress! + done, onDisk - done, off_t(position) + off_t(done))
                if n < 0 {
                    if errno == EINTR { continue }
                    try fail(Self.ioError("cannot write \(temporaryPath)", file: path))
                }
                done += n
            }
            written = onDisk
        }
        // The part still in the buffer.
        if written < bytes.count {
            let start = Int(position + UInt64(written) - flushedOffset)
            (buffer + start).update(
                from: (bytes.baseAddress! + written).assumingMemoryBound(to: UInt8.self), count: bytes.count - written)
        }
    }

    /// Writes the buffer to the file.
    private func flush() throws {
        guard bufferCount > 0 else { return }
        try writeAll(UnsafeRawPointer(buffer), bufferCount)
        flushedOffset += UInt64(bufferCount)
        bufferCount = 0
    }

    private func writeAll(_ pointer: UnsafeRawPointer, _ count: Int) throws {
        var done = 0
        while done < count {
            let n = Foundation.write(fd, pointer + done, count - done)
            if n < 0 {
                if errno == EINTR { continue }
                try fail(Self.ioError("cannot write \(temporaryPath)", file: path))
            }
            done += n
        }
    }

    // MARK: - Errors

    private func checkOpen() throws {
        switch state {
        case .open: return
        case .finished: preconditionFailure("ZipWriter used after finish()")
        case .failed: throw XLSXError(.io, "the archive was abandoned after an earlier error", file: path)
        }
    }

    /// Marks the writer failed (its temporary file is removed on release) and throws.
    private func fail(_ error: XLSXError) throws -> Never {
        state = .failed
        if fd >= 0 {
            close(fd)
            fd = -1
        }
        if ownsTemporaryFile {
            unlink(temporaryPath)
            ownsTemporaryFile = false
        }
        throw error
    }

    private func tooLarge(_ entry: OpenEntry? = nil) -> XLSXError {
        let what = entry.map { "zip entry \(String(decoding: $0.name, as: UTF8.self))" } ?? "zip archive"
        return XLSXError(
            .limitExceeded, "\(what) passes 4 GiB (Zip64 is not written)", file: path,
            part: entry.map { String(decoding: $0.name, as: UTF8.self) })
    }

    private static func ioError(_ what: String, file: String) -> XLSXError {
        XLSXError(.io, "\(what): \(String(cString: strerror(errno)))", file: file)
    }

    /// General-purpose flags: bit 11 (names are UTF-8) when the name is not plain ASCII.
    private static func flags(for name: [UInt8]) -> UInt16 {
        name.allSatisfy { $0 < 0x80 } ? 0 : 1 << 11
    }
}

// MARK: - Little-endian helpers

extension [UInt8] {
    /// Appends an integer in little-endian byte order.
    fileprivate mutating func appendLE<T: FixedWidthInteger>(_ value: T) {
        var v = value.littleEndian
        Swift.withUnsafeBytes(of: &v) { append(contentsOf: $0) }
    }
}
