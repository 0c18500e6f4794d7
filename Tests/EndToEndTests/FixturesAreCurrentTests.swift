import Foundation
import SalesTestSupport
import Testing

/// The committed workbooks in Fixtures/ are exactly what the generator writes today.
@Suite("Generated fixtures")
struct FixturesAreCurrentTests {
    @Test("Fixtures/ matches a fresh run of fixture-gen")
    func current() throws {
        let dir = try temporaryDirectory(prefix: "fixtures")
        let run = try runTool("fixture-gen", ["all", "--out-dir", dir.path])
        #expect(run.status == 0, "\(run.stderr)")
        let generated = try FileManager.default.contentsOfDirectory(atPath: dir.path).filter { $0.hasSuffix(".xlsx") }
            .sorted()
        #expect(generated.contains("demo-company.xlsx"))
        for name in generated {
            let fresh = try Data(contentsOf: dir.appendingPathComponent(name))
            let committed = try? Data(contentsOf: fixtureURL(name))
            #expect(committed == fresh, "Fixtures/\(name) is out of date. Please run 'make fixtures'.")
        }
    }
}
