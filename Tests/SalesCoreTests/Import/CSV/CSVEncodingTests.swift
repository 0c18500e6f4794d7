import Testing

@testable import SalesCore

/// Tests of ``CSVEncoding`` detection and the chunked decoders behind ``CSVReader``.
@Suite struct CSVEncodingTests {
    /// 订单号,客户名称,金额 and a line break, in GB18030 (from `iconv -f UTF-8 -t GB18030`).
    static let gbHeader: [UInt8] = [
        0xB6, 0xA9, 0xB5, 0xA5, 0xBA, 0xC5, 0x2C, 0xBF, 0xCD, 0xBB, 0xA7, 0xC3, 0xFB,
        0xB3, 0xC6, 0x2C, 0xBD, 0xF0, 0xB6, 0xEE, 0x0A,
    ]
    /// 𠀀 (U+20000) in GB18030: a 4-byte sequence.
    static let gbCJKExtB: [UInt8] = [0x95, 0x32, 0x82, 0x36]

    // MARK: - Detection

    @Test func byteOrderMarksDecide() {
        #expect(CSVEncoding.detect([0xEF, 0xBB, 0xBF, 0x61]) == .utf8BOM)
        #expect(CSVEncoding.detect([0xFF, 0xFE, 0x61, 0x00]) == .utf16LE)
        #expect(CSVEncoding.detect([0xFE, 0xFF, 0x00, 0x61]) == .utf16BE)
        #expect(CSVEncoding.utf8BOM.bomLength == 3 && CSVEncoding.utf16LE.bomLength == 2)
    }

    @Test func validUTF8IsUTF8() {
        #expect(CSVEncoding.detect([]) == .utf8)
        #expect(CSVEncoding.detect(Array("order_no,amount\n".utf8)) == .utf8)
        #expect(CSVEncoding.detect(Array("订单号,金额,😀\n".utf8)) == .utf8)
    }

    @Test func characterCutAtTheSampleEndIsStillUTF8() {
        let text = Array("客户,金额".utf8)
        #expect(CSVEncoding.detect(Array(text.dropLast(1))) == .utf8)
        #expect(CSVEncoding.detect(Array(text.dropLast(2))) == .utf8)
        #expect(CSVEncoding.detect(Array("a😀".utf8).dropLast(1)) == .utf8)
    }

    @Test func invalidUTF8IsGB18030() {
        #expect(CSVEncoding.detect(Self.gbHeader) == .gb18030)
        #expect(CSVEncoding.detect(Array("ab".utf8) + Self.gbCJKExtB) == .gb18030)
    }

    @Test(arguments: [
        [0xC0, 0x80], [0xED, 0xA0, 0x80], [0xF4, 0x90, 0x80, 0x80], [0xE0, 0x80, 0x80], [0x61, 0xFF],
    ])
    func illFormedUTF8IsRejected(bytes: [UInt8]) {
        let check = bytes.withUnsafeBufferPointer(UTF8Validation.check)
        #expect(check.valid < bytes.count && !check.tailIsIncomplete)
        #expect(CSVEncoding.detect(bytes) == .gb18030)
    }

    // MARK: - Decoders

    /// Decodes `input` through `decoder` in pieces of `size` bytes, carrying what each call leaves, as the reader does.
    private func decodeInPieces(
        _ input: [UInt8], size: Int, with decoder: inout some CSVDecoder
    )
        -> (text: String, invalidOffset: Int?)
    {
        var output: [UInt8] = []
        var carried: [UInt8] = []
        var offset = 0
        var position = 0
        repeat {
            let piece = carried + input[position..<min(position + size, input.count)]
            position = min(position + size, input.count)
            let isFinal = position == input.count
            let result = piece.withUnsafeBufferPointer { decoder.decode($0, isFinal: isFinal, into: &output) }
            if let invalid = result.invalidOffset { return (String(decoding: output, as: UTF8.self), offset + invalid) }
            carried = Array(piece[result.consumed...])
            offset += result.consumed
            if isFinal { break }
        } while true
        return (String(decoding: output, as: UTF8.self), nil)
    }

    @Test func iconvIsAvailableForGB18030() {
        #expect(IconvDecoder(from: "GB18030") != nil)
        #expect(IconvDecoder(from: "NO-SUCH-ENCODING") == nil)
    }

    @Test(arguments: [1, 2, 3, 5, 1024])
    func gb18030DecodesAcrossPieces(size: Int) {
        var decoder = IconvDecoder(from: "GB18030")!
        let input = Self.gbHeader + Self.gbCJKExtB + [0x94, 0x39, 0xFC, 0x36]
        let decoded = decodeInPieces(input, size: size, with: &decoder)
        #expect(decoded.text == "订单号,客户名称,金额\n𠀀😀")
        #expect(decoded.invalidOffset == nil)
    }

    @Test func gb18030ReportsInvalidAndTruncatedBytes() {
        var decoder = IconvDecoder(from: "GB18030")!
        let invalid = decodeInPieces(Array("ab,".utf8) + [0xFF, 0x41], size: 1024, with: &decoder)
        #expect(invalid.text == "ab,")
        #expect(invalid.invalidOffset == 3)
        let truncated = decodeInPieces(Array("ab".utf8) + [0xB6], size: 2, with: &decoder)
        #expect(truncated.invalidOffset == 2)
    }

    @Test(arguments: [1, 2, 3, 4, 7])
    func utf16DecodesSurrogatePairsAcrossPieces(size: Int) {
        let text = "订单,😀\r\n"
        var little = UTF16Decoder(bigEndian: false)
        let le = text.utf16.flatMap { [UInt8($0 & 0xFF), UInt8($0 >> 8)] }
        #expect(decodeInPieces(le, size: size, with: &little).text == text)
        var big = UTF16Decoder(bigEndian: true)
        let be = text.utf16.flatMap { [UInt8($0 >> 8), UInt8($0 & 0xFF)] }
        #expect(decodeInPieces(be, size: size, with: &big).text == text)
    }

    @Test func utf16RejectsUnpairedSurrogatesAndOddLength() {
        var decoder = UTF16Decoder(bigEndian: false)
        #expect(decodeInPieces([0x61, 0x00, 0x00, 0xDC, 0x62, 0x00], size: 6, with: &decoder).invalidOffset == 2)
        #expect(decodeInPieces([0x61, 0x00, 0x3D, 0xD8, 0x62, 0x00], size: 6, with: &decoder).invalidOffset == 2)
        #expect(decodeInPieces([0x61, 0x00, 0x62], size: 2, with: &decoder).invalidOffset == 2)
    }

    @Test func utf8CarriesACutCharacterAndRejectsATruncatedEnd() {
        var decoder = UTF8Decoder()
        #expect(decodeInPieces(Array("金额😀".utf8), size: 1, with: &decoder).text == "金额😀")
        let truncated = Array("金额".utf8).dropLast()
        #expect(decodeInPieces(Array(truncated), size: 4, with: &decoder).invalidOffset == 3)
    }
}
