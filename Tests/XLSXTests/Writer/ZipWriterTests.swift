import Foundation
import Testing

@testable import XLSX

@Suite("ZipWriter")
struct ZipWriterTests {
    /// Deterministic pseudo-random bytes (incompressible) from a 64-bit LCG.
    private func noise(_ count: Int, seed: UInt64) -> [UInt8] {
        var state = seed
        return (0..<count).map { _ in
            state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            return UInt8(truncatingIfNeeded: state >> 56)
        }
    }

    @Test("entries read back intact, with matching headers and CRCs")
    func roundTrip() throws {
        // Given entries that are empty, tiny, compressible, incompressible and larger than the buffer
        let dir = try WriterTestDirectory()
        defer { dir.remove() }
        let path = dir.file("a.zip")
        let text = Array(String(repeating: "<row r=\"1\"><c r=\"A1\"><v>42</v></c></row>", count: 40_000).utf8)
        let random = noise(700_000, seed: 7)
        let contents: [(String, [UInt8], Bool)] = [
            ("empty.txt", [], true),
            ("empty-stored.txt", [], false),
            ("hello.txt", Array("hello".utf8), true),
            ("dir/text.xml", text, true),
            ("random.bin", random, true),
            ("random-stored.bin", random, false),
            ("名前.txt", Array("非 ASCII name".utf8), true),
        ]

        // When they are written in pieces of odd sizes, with a small buffer
        let zip = try ZipWriter(path: path, compressionLevel: 6, bufferSize: 4096)
        for (name, bytes, compress) in contents {
            try zip.beginEntry(name: name, compress: compress)
            var start = 0
            var step = 1
            while start < bytes.count {
                let end = min(bytes.count, start + step)
                try zip.write(Array(bytes[start..<end]))
                start = end
                step = step * 3 + 1
            }
            try zip.endEntry()
        }
        try zip.finish()

        // Then an independent parser finds the same entries, fixed timestamps and valid CRCs
        let entries = try WriterTestZip.read(path)
        #expect(entries.map(\.name) == contents.map(\.0))
        for (entry, expected) in Swift.zip(entries, contents) {
            #expect(entry.data == expected.1, "\(entry.name)")
            #expect(entry.method == (expected.2 ? 8 : 0))
            #expect(entry.dosDate == 0x21 && entry.dosTime == 0)
        }
        #expect(entries.last?.flags == 1 << 11, "non-ASCII names are flagged UTF-8")
        #expect(entries.first?.flags == 0)
        let compressed = try FileManager.default.attributesOfItem(atPath: path)[.size] as! Int
        #expect(compressed < 2 * random.count + text.count / 10, "text compresses")
    }

    @Test("the archive appears at its path only when finished")
    func atomicRename() throws {
        let dir = try WriterTestDirectory()
        defer { dir.remove() }
        let path = dir.file("out.zip")
        let zip = try ZipWriter(path: path)
        try zip.addEntry(name: "a", bytes: [1, 2, 3])
        #expect(!FileManager.default.fileExists(atPath: path))
        #expect(try dir.listing() == ["out.zip.tmp-\(getpid())"])
        try zip.finish()
        #expect(try dir.listing() == ["out.zip"])
    }

    @Test("an abandoned writer leaves nothing behind")
    func abandoned() throws {
        let dir = try WriterTestDirectory()
        defer { dir.remove() }
        do {
            let zip = try ZipWriter(path: dir.file("out.zip"))
            try zip.beginEntry(name: "a")
            try zip.write(noise(1000, seed: 1))
        }
        #expect(try dir.listing() == [])
    }

    @Test("an unwritable location is an io error")
    func unwritable() throws {
        #expect {
            _ = try ZipWriter(path: "/nonexistent-dir-\(UUID().uuidString)/out.zip")
        } throws: { error in
            (error as? XLSXError)?.kind == .io
        }
    }

    @Test("the same calls give the same bytes")
    func deterministic() throws {
        let dir = try WriterTestDirectory()
        defer { dir.remove() }
        for name in ["1.zip", "2.zip"] {
            let zip = try ZipWriter(path: dir.file(name))
            try zip.addEntry(name: "x.xml", bytes: Array(String(repeating: "abc", count: 1000).utf8))
            try zip.addEntry(name: "y.bin", bytes: noise(5000, seed: 3), compress: false)
            try zip.finish()
        }
        let first = try Data(contentsOf: URL(fileURLWithPath: dir.file("1.zip")))
        let second = try Data(contentsOf: URL(fileURLWithPath: dir.file("2.zip")))
        #expect(first == second)
    }
}
