import Foundation
import SalesTestSupport
import Testing

@testable import SalesCore

/// Tests of ``CSVReader`` over files written by each test.
@Suite struct CSVReaderTests {
    /// Writes `bytes` to a new file and returns its path.
    private func file(_ bytes: [UInt8], name: String = "orders.csv") throws -> String {
        let url = try temporaryDirectory(prefix: "csv-tests").appendingPathComponent(name)
        try Data(bytes).write(to: url)
        return url.path
    }

    private func file(_ text: String, name: String = "orders.csv") throws -> String {
        try file(Array(text.utf8), name: name)
    }

    /// Every record of the file at `path`, as strings.
    private func rows(_ path: String, chunkSize: Int = CSVReader.defaultChunkSize) throws -> [[String]] {
        let reader = try CSVReader(path: path, displayName: nil, chunkSize: chunkSize)
        var rows: [[String]] = []
        _ = try reader.readRows { rows.append($0.fields) }
        return rows
    }

    /// The ``CSVError`` reading the file at `path` throws.
    private func error(_ path: String, chunkSize: Int = CSVReader.defaultChunkSize) throws -> CSVError {
        let reader = try CSVReader(path: path, displayName: "orders.csv", chunkSize: chunkSize)
        return try #require(throws: CSVError.self) { _ = try reader.readRows { _ in } }
    }

    // MARK: - Encodings

    @Test func utf8WithoutBOM() throws {
        let path = try file("订单号,客户名称,金额\nSO-1,华东贸易,\"1,200.00\"\n")
        let reader = try CSVReader(path: path)
        #expect(reader.encoding == .utf8)
        #expect(try rows(path) == [["订单号", "客户名称", "金额"], ["SO-1", "华东贸易", "1,200.00"]])
    }

    @Test func utf8WithBOM() throws {
        let path = try file([0xEF, 0xBB, 0xBF] + Array("订单号,金额\r\nSO-1,5\r\n".utf8))
        #expect(try CSVReader(path: path).encoding == .utf8BOM)
        #expect(try rows(path) == [["订单号", "金额"], ["SO-1", "5"]])
    }

    @Test(arguments: [3, 5, CSVReader.defaultChunkSize])
    func utf16LittleEndianWithBOM(chunkSize: Int) throws {
        let text = "订单号\t客户名称\t金额\r\nSO-1\t😀 Café\t5\r\n"
        let path = try file([0xFF, 0xFE] + text.utf16.flatMap { [UInt8($0 & 0xFF), UInt8($0 >> 8)] })
        let reader = try CSVReader(path: path)
        #expect(reader.encoding == .utf16LE)
        #expect(reader.delimiter == UInt8(ascii: "\t"))
        #expect(try rows(path, chunkSize: chunkSize) == [["订单号", "客户名称", "金额"], ["SO-1", "😀 Café", "5"]])
    }

    /// Chunk sizes that split GB18030's 2-byte characters (订 is B6 A9, bytes 0–1) and 4-byte ones at every position.
    @Test(arguments: [1, 2, 3, 5, 7, 23, CSVReader.defaultChunkSize])
    func gb18030(chunkSize: Int) throws {
        let row: [UInt8] =
            Array("SO-1,".utf8) + CSVEncodingTests.gbCJKExtB + [0x94, 0x39, 0xFC, 0x36]
            + Array(",12\n".utf8)
        let path = try file(CSVEncodingTests.gbHeader + row)
        let reader = try CSVReader(path: path, displayName: nil, chunkSize: chunkSize)
        #expect(reader.encoding == .gb18030)
        #expect(try rows(path, chunkSize: chunkSize) == [["订单号", "客户名称", "金额"], ["SO-1", "𠀀😀", "12"]])
    }

    @Test func bytesInvalidInUTF8AndGB18030NameTheOffset() throws {
        // 0xFF is neither UTF-8 nor a GB18030 lead byte.
        let failure = try error(
            file(CSVEncodingTests.gbHeader + Array("SO-1,".utf8) + [0xFF, 0xFF] + Array("\n".utf8)))
        #expect(failure.kind == .invalidEncoding)
        #expect(failure.byteOffset == 26)
        #expect(failure.line == 2)
        #expect(
            failure.errorDescription == "orders.csv, line 2: bytes that are not valid GB18030 at byte offset 26;"
                + " save the file as UTF-8 CSV")
    }

    @Test func invalidUTF8AfterTheSample() throws {
        let lines = String(repeating: "a,b\n", count: 20_000)  // 80,000 bytes, past the 64 KiB sample
        let path = try file(Array(lines.utf8) + [0xB6, 0xA9] + Array("\n".utf8))
        #expect(try CSVReader(path: path).encoding == .utf8)
        let failure = try error(path, chunkSize: 4096)
        #expect(failure.kind == .invalidEncoding)
        #expect(failure.byteOffset == 80_000)
        #expect(failure.line == 20_001)
    }

    // MARK: - Fields and records

    @Test func quotedFieldsHoldDelimitersQuotesAndLineBreaks() throws {
        let text = "name,note\n\"Wang, Li\",\"said \"\"hi\"\"\"\n\"two\nlines\",\"crlf\r\ninside\"\nlast,\"\"\n"
        let expected = [
            ["name", "note"], ["Wang, Li", "said \"hi\""], ["two\nlines", "crlf\r\ninside"], ["last", ""],
        ]
        for chunkSize in [1, 2, 4096] {
            #expect(try rows(file(text), chunkSize: chunkSize) == expected)
        }
        let reader = try CSVReader(path: file(text))
        var numbers: [Int] = []
        _ = try reader.readRows { numbers.append($0.number) }
        #expect(numbers == [1, 2, 3, 4])
    }

    @Test func strayQuotesAreKeptLikeExcelDoes() throws {
        #expect(try rows(file("a 5\" pipe,x\n\"ab\"c,d\n")) == [["a 5\" pipe", "x"], ["abc", "d"]])
    }

    @Test(arguments: ["\r\n", "\n", "\r"])
    func lineBreaks(_ lineBreak: String) throws {
        let text = ["a,b", "c,d", "", "e,f"].joined(separator: lineBreak) + lineBreak
        for chunkSize in [1, 4096] {
            #expect(try rows(file(text), chunkSize: chunkSize) == [["a", "b"], ["c", "d"], [], ["e", "f"]])
        }
    }

    @Test func lastLineWithoutLineBreak() throws {
        #expect(try rows(file("a,b\nc,d")) == [["a", "b"], ["c", "d"]])
        #expect(try rows(file("a,b\n\"c\nd\"")) == [["a", "b"], ["c\nd"]])
        #expect(try rows(file("")) == [])
    }

    @Test func trailingEmptyFieldsCount() throws {
        let path = try file("a,b,\n,,\n\"\"\n")
        #expect(try rows(path) == [["a", "b", ""], ["", "", ""], [""]])
        var counts: [Int] = []
        _ = try CSVReader(path: path).readRows { counts.append($0.count) }
        #expect(counts == [3, 3, 1])
    }

    @Test func blankLinesAreEmptyRows() throws {
        let reader = try CSVReader(path: file("\norder_no\n\n\nSO-1\n"))
        var seen: [(Int, Int, Bool)] = []
        let summary = try reader.readRows { seen.append(($0.number, $0.count, $0.isBlank)) }
        #expect(seen.map(\.0) == [1, 2, 3, 4, 5])
        #expect(seen.map(\.1) == [0, 1, 0, 0, 1])
        #expect(seen.map(\.2) == [true, false, true, true, false])
        #expect(summary.rows == 5 && summary.complete)
    }

    @Test func fieldAccessors() throws {
        var checked = false
        _ = try CSVReader(path: file("SO-1,华东,\n")).readRows { row in
            #expect(row.field(at: 1) == "华东")
            #expect(row.field(at: 2) == "")
            #expect(row.field(at: 9) == "")  // past the last field
            #expect(row.withFieldBytes(at: 1) { Array($0) } == Array("华东".utf8))
            #expect(row.withFieldBytes(at: 9) { $0.count } == 0)
            checked = true
        }
        #expect(checked)
    }

    // MARK: - Delimiters

    @Test func semicolonAndTabAreSniffed() throws {
        let semicolon = try CSVReader(path: file("\"a,b\";c;d\n1,5;2;3\n"))
        #expect(semicolon.delimiter == UInt8(ascii: ";"))
        #expect(try rows(semicolon.path) == [["a,b", "c", "d"], ["1,5", "2", "3"]])
        let tab = try CSVReader(path: file("a\tb\tc\n1\t2,5\t3\n", name: "orders.tsv"))
        #expect(tab.delimiter == UInt8(ascii: "\t"))
        #expect(try rows(tab.path) == [["a", "b", "c"], ["1", "2,5", "3"]])
        #expect(try CSVReader(path: file("order_no\nSO-1\n")).delimiter == UInt8(ascii: ","))
    }

    @Test func delimiterCanBeSet() throws {
        let reader = try CSVReader(path: file("a|b,c\n"))
        reader.delimiter = UInt8(ascii: "|")
        var fields: [String] = []
        let summary = try reader.readRows { fields = $0.fields }
        #expect(fields == ["a", "b,c"])
        #expect(summary.delimiter == UInt8(ascii: "|"))
    }

    // MARK: - Errors

    @Test func unterminatedQuoteNamesTheLineItOpened() throws {
        let failure = try error(file("a,b\nc,\"open\nmore\nstill\n"))
        #expect(failure.kind == .unterminatedQuote)
        #expect(failure.line == 2)
        #expect(
            failure.errorDescription == "orders.csv, line 2: a quoted field opened on this line is never closed;"
                + " add the missing \"")
    }

    @Test func nulMeansABinaryFile() throws {
        let failure = try error(file(Array("a,b\nc,".utf8) + [0x00, 0x01] + Array("\n".utf8)))
        #expect(failure.kind == .binaryFile)
        #expect(failure.line == 2)
    }

    @Test func fieldLongerThanExcelAllows() throws {
        let fits = String(repeating: "华", count: CSVParser.maxFieldLength)  // 98,301 bytes, 32,767 characters
        #expect(try rows(file("a,\(fits)\n"), chunkSize: 4096) == [["a", fits]])
        let failure = try error(file("a\nb,\(fits)x\n"))
        #expect(failure.kind == .fieldTooLong)
        #expect(failure.line == 2)
        // A quote never closed stops at the limit instead of reading the whole file into one field.
        let runaway = try error(file("\"" + String(repeating: "abc,def\n", count: 20_000)), chunkSize: 4096)
        #expect(runaway.kind == .fieldTooLong)
        #expect(runaway.line == 1)
    }

    @Test func moreFieldsThanExcelColumns() throws {
        let fits = String(repeating: ",", count: CSVParser.maxFields - 1)
        #expect(try rows(file(fits + "\n")).first?.count == CSVParser.maxFields)
        #expect(try error(file(fits + ",\n")).kind == .tooManyFields)
    }

    @Test func missingFile() throws {
        let failure = try #require(throws: CSVError.self) {
            try CSVReader(path: "/nonexistent/orders.csv", displayName: "orders.csv")
        }
        #expect(failure.kind == .cannotOpen)
        #expect(failure.errorDescription?.hasPrefix("orders.csv: cannot open: ") == true)
    }

    // MARK: - Streaming

    @Test func largeFileStreams() throws {
        var text = "order_no,customer,amount\n"
        for n in 1...100_000 { text += "SO-\(n),客户\(n % 97),\(n).50\n" }
        let reader = try CSVReader(path: file(text))
        var rows = 0
        var last = ""
        let clock = ContinuousClock()
        let elapsed = try clock.measure {
            let summary = try reader.readRows { row in
                rows += 1
                last = row.field(at: 0)
            }
            #expect(summary.rows == 100_001 && summary.complete)
        }
        #expect(rows == 100_001)
        #expect(last == "SO-100000")
        #expect(elapsed < .seconds(10))
    }

    @Test func maxRowStopsEarlyAndReadingAgainStartsOver() throws {
        let reader = try CSVReader(path: file("h\n1\n2\n3\n"))
        var first: [String] = []
        let partial = try reader.readRows(maxRow: 2) { first.append($0.field(at: 0)) }
        #expect(first == ["h", "1"])
        #expect(partial.rows == 2 && !partial.complete)
        var all: [String] = []
        let whole = try reader.readRows { all.append($0.field(at: 0)) }
        #expect(all == ["h", "1", "2", "3"])
        #expect(whole.rows == 4 && whole.complete)
    }

    // MARK: - Names

    @Test func looksLikeCSVByExtension() {
        #expect(CSVReader.looksLikeCSV(path: "in/orders.csv"))
        #expect(CSVReader.looksLikeCSV(path: "Orders.TSV"))
        #expect(CSVReader.looksLikeCSV(path: "export.txt"))
        #expect(!CSVReader.looksLikeCSV(path: "orders.xlsx"))
        #expect(!CSVReader.looksLikeCSV(path: "csv"))
        #expect(!CSVReader.looksLikeCSV(path: "a.csv/orders"))
    }

    @Test func sheetNameIsTheFileName() throws {
        #expect(try CSVReader(path: file("a\n", name: "3月订单.csv")).sheetName == "3月订单")
    }
}
