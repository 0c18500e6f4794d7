import Testing

@testable import SalesCore

/// Tests of ``Migrations``: the list is in order, and a step's SQL never changes once it has shipped.
@Suite struct MigrationsTests {
    /// The SHA-256 of each shipped migration's SQL (UTF-8), oldest first.
    ///
    /// Stores in use have applied these exact steps, so none of these hashes may ever change. A new migration
    /// goes at the end of ``Migrations/all``; add its hash here once it ships.
    static let shipped: [(id: String, sha256: String)] = [
        ("0001_core_schema", "3d0fc533b811ee348d82c1955d102b11d761cb6c9bb2d3fb3a21521360d6ae61"),
        ("0002_analyst_views", "efc69d47729c6a9ddbdeb22fb61eed358355d9ee8404ba259ec93ddc7f49dc92"),
        ("0003_opportunity_name", "b7b4c9300875544c48ac1188efd68a40271351653862783fb73d0f474ee2ee75"),
        ("0004_import_insert_runs", "be65971ab07395eede13e726c4c34cda7076b086e0683a28d5ef397828ca5030"),
        ("0005_approval", "72de55b8acc734dccb85b75e4b0a842ed385f5d25cae0b7ccb944d7a6e95ea25"),
        ("0006_score_runs", "c1d85bd231152394f1bb38427288bef31228e507a3cf5647d299db7cc47dfe9d"),
        ("0007_order_status_check", "8904df2fb156b26300a63fb02dabe4d1835001750682fa0bac29524a3fd72174"),
        ("0008_order_line_covering_indexes", "37d7e535f4dd42a0952e3e7624bd4f6bf266739820c8e7e6e302e81756c2ed5b"),
        ("0009_audit_signature", "a8ce58019c424becf0677f0513e2adac635934c080d934924024aa6511685359"),
        ("0010_approval_moves", "0d71a933dd4b829600ffbe44ee96b1e2c835eec4e8a2b681f7e69840d9d00712"),
        ("0011_document_kinds", "6bdf47e3168bf21b559fcff20ffd9c497924e0267bd59e7bd3b58e6674f50a2f"),
        ("0012_commission_plan_versions", "74b9e87d69ba4b1d4c1106d34e378dfbc057428e909775dd77eb1a5b823046ec"),
        ("0013_score_result_checks", "8a5446c4115d1799c70c6c3e58e7391b3fad3540b3b100894a262d7a1d5d31ff"),
    ]

    @Test func shippedMigrationsKeepTheirSQLByteForByte() {
        #expect(Migrations.all.count >= Self.shipped.count)
        for (migration, shipped) in zip(Migrations.all, Self.shipped) {
            var hasher = SHA256Hasher()
            hasher.update(migration.sql)
            #expect(migration.id == shipped.id)
            #expect(
                hasher.hexDigest() == shipped.sha256,
                "migration \(shipped.id) changed (its SQL now hashes to \(hasher.hexDigest())): stores in use have applied it as it shipped"
            )
        }
    }

    @Test func migrationsAreNumberedOneByOneInOrder() {
        let numbers = Migrations.all.map { Int($0.id.prefix(4)) ?? 0 }
        #expect(numbers == Array(1...Migrations.all.count))
        #expect(Migrations.all.allSatisfy { $0.id.dropFirst(4).first == "_" })
    }
}
