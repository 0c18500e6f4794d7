import Testing

@testable import XLSX

@Suite("Cell references")
struct CellReferenceTests {
    @Test(
        "parses A1 references at the edges of the grid",
        arguments: [
            ("A1", 1, 1), ("Z9", 26, 9), ("AA10", 27, 10), ("az3", 52, 3), ("XFD1048576", 16_384, 1_048_576),
            ("$C$3", 3, 3),
        ])
    func parses(text: String, column: Int, row: Int) {
        #expect(CellReference(text) == CellReference(column: column, row: row))
    }

    @Test(
        "refuses references outside the grid or malformed",
        arguments: [
            "XFE1", "A1048577", "A0", "A01", "1A", "", "A", "AAAA1", "A1B", "A-1", "A 1", "Ａ1",
        ])
    func refuses(text: String) {
        #expect(CellReference(text) == nil)
    }

    @Test("column names round-trip")
    func columnNames() {
        for column in [1, 26, 27, 52, 53, 702, 703, 16_384] {
            let name = CellReference.columnName(column)
            #expect(CellReference("\(name)1")?.column == column)
        }
        #expect(CellReference.columnName(28) == "AB")
        #expect(CellReference(column: 3, row: 7).description == "C7")
    }
}
