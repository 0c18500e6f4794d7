import Foundation
import SalesTestSupport
import Testing

@testable import SalesCore

/// `docs/import.md` lists every recognised sheet name and header alias, generated from the vocabulary.
@Suite("Alias documentation")
struct AliasDocumentationTests {
    static let begin = "<!-- aliases:begin -->"
    static let end = "<!-- aliases:end -->"

    /// The generated table, with its headings moved under the guide's own section.
    static func generated() -> String {
        Vocabulary.aliasTableMarkdown()
            .split(separator: "\n", omittingEmptySubsequences: false)
            .filter { !$0.hasPrefix("# ") }
            .map { $0.hasPrefix("## ") ? "##" + $0 : String($0) }
            .joined(separator: "\n")
            .trimmingCharacters(in: .whitespacesAndNewlines)
    }

    @Test("docs/import.md holds the current alias table (SALES_UPDATE_DOCS=1 rewrites it)")
    func current() throws {
        let url = repositoryRoot().appendingPathComponent("docs/import.md")
        let text = try String(contentsOf: url, encoding: .utf8)
        let start = try #require(text.range(of: Self.begin))
        let stop = try #require(text.range(of: Self.end))
        let section = text[start.upperBound..<stop.lowerBound].trimmingCharacters(in: .whitespacesAndNewlines)
        let fresh = Self.generated()
        if section != fresh, ProcessInfo.processInfo.environment["SALES_UPDATE_DOCS"] == "1" {
            let updated = text[..<start.upperBound] + "\n" + fresh + "\n" + text[stop.lowerBound...]
            try updated.write(to: url, atomically: true, encoding: .utf8)
            return
        }
        #expect(section == fresh, "docs/import.md's alias list is out of date. Run 'make docs'.")
        for entity in Entity.allCases {
            for field in entity.fields { #expect(section.contains("`\(field.name)`")) }
        }
    }
}
