import Foundation
import SalesTestSupport
import Testing

@testable import SalesCore

/// The summary's data hash is computed inside SQLite (an aggregate function fed each row) where it can;
/// it must be the hash of the same bytes as reading every row with a statement.
@Suite("sales-export: the data hash")
struct DataDigestTests {
    /// The digest of every summary table and the rows hashed per table, both ways.
    private func bothWays(_ store: Store) throws -> [(digest: String, tables: [ReportProvenance.TableRows])] {
        try store.read { connection in
            try [true, false].map { inside in
                var hasher = try DataDigest.hashTables(connection, insideSQLite: inside)
                let tables = hasher.tableRows
                return (try DataDigest.finish(&hasher, scoreRun: nil, connection: connection), tables)
            }
        }
    }

    @Test("inside SQLite or row by row, the same hash: the export test company")
    func sameOnTestCompany() throws {
        let results = try bothWays(try ExportTestStore.make())
        #expect(results[0].digest == results[1].digest)
        #expect(results[0].tables == results[1].tables)
        #expect(results[0].tables.first { $0.table == "order_line" }?.rows == 22)
    }

    @Test("inside SQLite or row by row, the same hash: the demo company imported (text, reals, blanks, every table)")
    func sameOnDemoCompany() throws {
        let store = try makeTempStore()
        _ = try Importer.run(
            path: fixtureURL("demo-company.xlsx").path, store: store,
            options: ImportOptions(user: "admin"))
        let results = try bothWays(store)
        #expect(results[0].digest == results[1].digest)
        #expect(results[0].tables == results[1].tables)
        #expect((results[0].tables.first { $0.table == "order_line" }?.rows ?? 0) > 1000)
        // A value changed anywhere changes both.
        try store.write { try $0.execute("UPDATE order_line SET quantity = quantity + 0.5 WHERE id = 7") }
        let changed = try bothWays(store)
        #expect(changed[0].digest == changed[1].digest && changed[0].digest != results[0].digest)
    }

    @Test("rows handed over out of key order are refused, so the caller reads them row by row")
    func outOfOrderIsRefused() throws {
        let store = try makeTempStore()
        try store.write {
            try $0.execute(
                "CREATE TABLE digest_probe (id INTEGER PRIMARY KEY, k INTEGER); "
                    + "INSERT INTO digest_probe VALUES (1, 30), (2, 20), (3, 10)")
        }
        let rows = try store.read { connection -> [Int64?] in
            var sink = CanonicalSink()
            var other = CanonicalSink()
            return [
                try connection.writeCanonicalRows(of: "digest_probe", columns: ["id", "k"], key: "id", to: &sink),
                try connection.writeCanonicalRows(of: "digest_probe", columns: ["id", "k"], key: "k", to: &other),
            ]
        }
        #expect(rows == [3, nil])
    }
}
