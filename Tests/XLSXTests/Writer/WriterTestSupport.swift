import CZlib
import Foundation
import Testing

/// One entry of a zip file read back by ``WriterTestZip``.
struct WriterZipEntry {
    var name: String
    var method: UInt16
    var flags: UInt16
    var dosTime: UInt16
    var dosDate: UInt16
    var crc: UInt32
    var data: [UInt8]

    var text: String { String(decoding: data, as: UTF8.self) }
}

/// A strict, independent zip parser for checking what the writer produced.
///
/// Reads the end-of-central-directory record, every central header and its local header,
/// requires them to agree, inflates each entry and checks its CRC-32 with zlib.
enum WriterTestZip {
    struct Failure: Error, CustomStringConvertible {
        var description: String
    }

    /// The entries of the archive at `path`, in central-directory order.
    static func read(_ path: String) throws -> [WriterZipEntry] {
        let bytes = try [UInt8](Data(contentsOf: URL(fileURLWithPath: path)))
        func u16(_ at: Int) throws -> UInt16 {
            guard at + 2 <= bytes.count else { throw Failure(description: "read past end at \(at)") }
            return UInt16(bytes[at]) | UInt16(bytes[at + 1]) << 8
        }
        func u32(_ at: Int) throws -> UInt32 {
            UInt32(try u16(at)) | UInt32(try u16(at + 2)) << 16
        }
        func check(_ condition: Bool, _ what: @autoclosure () -> String) throws {
            if !condition { throw Failure(description: what()) }
        }

        // End of central directory: no comment, so exactly 22 bytes from the end.
        let eocd = bytes.count - 22
        try check(eocd >= 0 && (try u32(eocd)) == 0x0605_4b50, "no end-of-central-directory record at the end")
        let count = Int(try u16(eocd + 10))
        try check(Int(try u16(eocd + 8)) == count, "entry counts disagree")
        let directorySize = Int(try u32(eocd + 12))
        let directoryOffset = Int(try u32(eocd + 16))
        try check(directoryOffset + directorySize == eocd, "central directory does not end at the EOCD")

        var entries: [WriterZipEntry] = []
        var cursor = directoryOffset
        var expectedLocal = 0
        for _ in 0..<count {
            try check((try u32(cursor)) == 0x0201_4b50, "bad central header signature at \(cursor)")
            let flags = try u16(cursor + 8)
            let method = try u16(cursor + 10)
            let time = try u16(cursor + 12)
            let date = try u16(cursor + 14)
            let crc = try u32(cursor + 16)
            let compressedSize = Int(try u32(cursor + 20))
            let size = Int(try u32(cursor + 24))
            let nameLength = Int(try u16(cursor + 28))
            let extraLength = Int(try u16(cursor + 30))
            let commentLength = Int(try u16(cursor + 32))
            let localOffset = Int(try u32(cursor + 42))
            let name = String(decoding: bytes[(cursor + 46)..<(cursor + 46 + nameLength)], as: UTF8.self)
            cursor += 46 + nameLength + extraLength + commentLength

            try check(flags & 0x8 == 0, "\(name): uses a data descriptor")
            try check(localOffset == expectedLocal, "\(name): local header not where the previous entry ended")
            try check((try u32(localOffset)) == 0x0403_4b50, "\(name): bad local header signature")
            try check((try u16(localOffset + 6)) == flags, "\(name): local flags differ")
            try check((try u16(localOffset + 8)) == method, "\(name): local method differs")
            try check((try u32(localOffset + 14)) == crc, "\(name): local CRC differs")
            try check(Int(try u32(localOffset + 18)) == compressedSize, "\(name): local compressed size differs")
            try check(Int(try u32(localOffset + 22)) == size, "\(name): local size differs")
            let localNameLength = Int(try u16(localOffset + 26))
            let localExtra = Int(try u16(localOffset + 28))
            try check(localNameLength == nameLength, "\(name): local name length differs")
            let dataStart = localOffset + 30 + localNameLength + localExtra
            try check(dataStart + compressedSize <= directoryOffset, "\(name): data runs into the directory")
            let raw = Array(bytes[dataStart..<(dataStart + compressedSize)])
            expectedLocal = dataStart + compressedSize

            let data: [UInt8]
            switch method {
            case 0: data = raw
            case 8: data = try inflate(raw, expected: size, name: name)
            default: throw Failure(description: "\(name): unknown method \(method)")
            }
            try check(data.count == size, "\(name): \(data.count) bytes, header says \(size)")
            let actual = data.withUnsafeBufferPointer { UInt32(crc32(0, $0.baseAddress, uInt($0.count))) }
            try check(actual == crc, "\(name): CRC mismatch")
            entries.append(
                WriterZipEntry(
                    name: name, method: method, flags: flags, dosTime: time, dosDate: date,
                    crc: crc, data: data))
        }
        try check(cursor == eocd, "central directory size is wrong")
        try check(expectedLocal == directoryOffset, "bytes between the last entry and the directory")
        return entries
    }

    /// The entries by name.
    static func parts(_ path: String) throws -> [String: WriterZipEntry] {
        Dictionary(uniqueKeysWithValues: try read(path).map { ($0.name, $0) })
    }

    private static func inflate(_ input: [UInt8], expected: Int, name: String) throws -> [UInt8] {
        // On the heap: zlib checks that the stream has not moved between calls.
        let stream = UnsafeMutablePointer<z_stream>.allocate(capacity: 1)
        stream.initialize(to: z_stream())
        defer { stream.deallocate() }
        guard czlib_inflate_init_raw(stream) == Z_OK else { throw Failure(description: "inflateInit failed") }
        defer { inflateEnd(stream) }
        var output = [UInt8](repeating: 0, count: max(expected, 1))
        var input = input
        let rc = input.withUnsafeMutableBufferPointer { inBuf in
            output.withUnsafeMutableBufferPointer { outBuf in
                stream.pointee.next_in = inBuf.baseAddress
                stream.pointee.avail_in = uInt(inBuf.count)
                stream.pointee.next_out = outBuf.baseAddress
                stream.pointee.avail_out = uInt(outBuf.count)
                return CZlib.inflate(stream, Z_FINISH)
            }
        }
        guard rc == Z_STREAM_END else { throw Failure(description: "\(name): inflate returned \(rc)") }
        guard stream.pointee.avail_in == 0 else {
            throw Failure(description: "\(name): trailing bytes after deflate stream")
        }
        return Array(output.prefix(Int(stream.pointee.total_out)))
    }
}

/// A fresh directory under the system's temporary directory, removed by `remove()`.
struct WriterTestDirectory {
    let path: String

    init() throws {
        path =
            FileManager.default.temporaryDirectory
            .appendingPathComponent("xlsx-writer-tests-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
    }

    /// A path inside the directory.
    func file(_ name: String) -> String { path + "/" + name }

    /// The names of the files in the directory, sorted.
    func listing() throws -> [String] {
        try FileManager.default.contentsOfDirectory(atPath: path).sorted()
    }

    func remove() {
        try? FileManager.default.removeItem(atPath: path)
    }
}
