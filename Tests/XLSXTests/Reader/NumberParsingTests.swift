import Testing

@testable import XLSX

@Suite("Number grammar")
struct NumberParsingTests {
    @Test(
        "accepts what writers produce",
        arguments: [
            ("0", 0.0), ("12", 12.0), ("-3", -3.0), ("+4", 4.0), ("1.5", 1.5), (".5", 0.5), ("5.", 5.0),
            ("0.1", 0.1), ("1E-3", 0.001), ("1.23456789e+22", 1.23456789e22),
            ("123456789012345678901", 1.2345678901234568e20),
            ("0.30000000000000004", 0.30000000000000004), ("3.14159265358979", 3.14159265358979),
        ])
    func accepts(text: String, value: Double) {
        #expect(NumberParsing.parse(text) == value)
    }

    @Test(
        "refuses everything else",
        arguments: [
            "", "nan", "NaN", "inf", "-inf", "Infinity", "0x1F", "1e999", "-1e400", "1,000", " 1", "1 ", "1e", "e5",
            "--1", "1.2.3", "¥5", "1_000", ".",
        ])
    func refuses(text: String) {
        #expect(NumberParsing.parse(text) == nil)
    }

    @Test("the fast path agrees with the C library")
    func fastPathAgrees() {
        var state: UInt64 = 0x9E37_79B9_7F4A_7C15
        for _ in 0..<20_000 {
            state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            let digits = String(state % 10_000_000_000_000)
            let scale = Int(state >> 60) % digits.count
            var text = digits
            text.insert(".", at: text.index(text.startIndex, offsetBy: scale))
            #expect(NumberParsing.parse(text) == Double(text))
        }
    }
}
