import Testing

@testable import XLSX

@Suite("Number format classification")
struct NumberFormatTests {
    @Test(
        "custom codes",
        arguments: [
            ("General", FormatClass.number), ("0.00", .number), ("#,##0", .number), ("0%", .number),
            ("yyyy-mm-dd", .date), ("d/m/yy", .date), ("h:mm AM/PM", .date), ("mm:ss", .date),
            ("yyyy\"年\"m\"月\"d\"日\"", .date), ("[$-804]yyyy年m月d日", .date), ("[Red]0.00", .number),
            ("\"day\" 0", .number), ("0 \\d", .number), ("[h]:mm:ss", .duration), ("[mm]:ss", .duration),
            ("[$¥-804]#,##0.00", .number), ("_(* #,##0_);_(* (#,##0);_(* \"-\"_);_(@_)", .number),
            ("0.00;[Red]yyyy", .number), ("@", .number), ("[Blue][<=100]yyyy-mm-dd", .date),
        ])
    func classify(code: String, expected: FormatClass) {
        #expect(NumberFormatClassifier.classify(code) == expected)
    }

    @Test("built-in ids")
    func builtIns() {
        #expect(NumberFormatClassifier.builtInClass(0) == .number)
        #expect(NumberFormatClassifier.builtInClass(14) == .date)
        #expect(NumberFormatClassifier.builtInClass(22) == .date)
        #expect(NumberFormatClassifier.builtInClass(31) == .date)  // zh-CN yyyy"年"m"月"d"日"
        #expect(NumberFormatClassifier.builtInClass(46) == .duration)
        #expect(NumberFormatClassifier.builtInClass(9) == .number)
        #expect(NumberFormatClassifier.builtInClass(200) == nil)
    }

    @Test("a style table prefers a custom code over the built-in of the same id")
    func override() {
        let table = StyleTable(customFormats: [14: "0.00"], cellFormatIDs: [0, 14, 22])
        #expect(table.formatClass(style: 1) == .number)
        #expect(table.formatClass(style: 2) == .date)
        #expect(table.formatClass(style: 99) == .number)
    }
}
