import Foundation
import Testing

@testable import XLSX

/// Every workbook of the shared corpus reads to the facts in its `expected.json`, or is rejected as it says.
@Suite("XLSX corpus conformance")
struct CorpusConformanceTests {
    @Test("every corpus workbook reads or is rejected as expected.json says")
    func corpus() throws {
        guard let root = CorpusChecker.locate() else {
            Issue.record("the corpus (../shared/xlsx-corpus) was not found; set SALES_XLSX_CORPUS")
            return
        }
        let outcome = try CorpusChecker(root: root).run()
        print(
            "corpus: \(outcome.filesPassed)/\(outcome.filesChecked) files, "
                + "\(outcome.cellsPassed)/\(outcome.cellsChecked) cells passed"
                + " (\(outcome.cellsMatchedTrimmed) matched a calamine-only reference after trimming white space)")
        for failure in outcome.failures.prefix(50) { Issue.record("\(failure)") }
        #expect(outcome.failures.isEmpty)
        #expect(outcome.filesChecked >= 218)
        #expect(outcome.cellsChecked > 40_000)
    }
}
