import Testing

@testable import XLSX

@Suite("Text escapes")
struct TextDecodingTests {
    private func decode(_ s: String) -> String {
        var bytes = Array(s.utf8)
        let n = bytes.withUnsafeMutableBufferPointer { TextDecoding.decodeEscapes($0, count: $0.count) }
        return String(decoding: bytes[..<n], as: UTF8.self)
    }

    @Test("decodes _xHHHH_")
    func decodes() {
        #expect(decode("a_x000D_b") == "a\rb")
        #expect(decode("_x0041__x0042_") == "AB")
        #expect(decode("_x005F_x0041_") == "_x0041_")
        #expect(decode("_xD83D__xDE00_") == "😀")
        #expect(decode("_xD83D_") == "\u{FFFD}")
        #expect(decode("_x00e9_") == "é")
    }

    @Test("leaves look-alikes alone")
    func leaves() {
        #expect(decode("_x12_") == "_x12_")
        #expect(decode("_xZZZZ_") == "_xZZZZ_")
        #expect(decode("plain text") == "plain text")
        #expect(decode("_x0041") == "_x0041")
    }

    @Test("counts characters as Excel does (UTF-16 units)")
    func length() {
        for (s, n) in [("abc", 3), ("客户", 2), ("😀", 2)] {
            var t = s
            #expect(t.withUTF8 { TextDecoding.utf16Length($0) } == n)
        }
    }
}
