import Foundation
import SalesCore
import SalesTestSupport
import Testing

extension StoreTests {
    /// Tests of ``Connection``, ``Statement`` and ``StoreError`` below the facade.
    @Suite struct ConnectionTests {
        /// A connection to a new file with one scratch table.
        private func scratch() throws -> Connection {
            let connection = try Connection(path: temporaryDatabasePath())
            try connection.execute("CREATE TABLE t (a ANY, b ANY) STRICT")
            return connection
        }

        // MARK: - Binding

        @Test func rawBytesBindAsText() throws {
            let connection = try scratch()
            let statement = try connection.prepare("SELECT typeof(?1), ?1, length(?1)")
            let bytes = Array("华东 East".utf8)

            try bytes.withUnsafeBytes { try statement.bindText($0, at: 1) }
            #expect(try statement.step())
            #expect(statement.text(at: 0) == "text")
            #expect(statement.text(at: 1) == "华东 East")
            #expect(statement.int64(at: 2) == 7)  // characters, so SQLite read it as UTF-8 text
        }

        @Test func emptyBytesBindAsEmptyTextNotNull() throws {
            let connection = try scratch()
            let statement = try connection.prepare("SELECT typeof(?1), ?1 IS NULL")
            try statement.bindText(UnsafeRawBufferPointer(start: nil, count: 0), at: 1)
            #expect(try statement.step())
            #expect(statement.text(at: 0) == "text")
            #expect(statement.int64(at: 1) == 0)
        }

        @Test func valuesRoundTrip() throws {
            let connection = try scratch()
            let values: [SQLValue] = [
                .integer(Int64.max), .integer(-1), .real(2.5), .text("a\u{0}b 中文"), .blob([0, 255, 7]), .blob([]), nil,
            ]
            let insert = try connection.cachedStatement("INSERT INTO t (a) VALUES (?)")
            for value in values { try insert.execute([value]) }
            #expect(try connection.query("SELECT a FROM t ORDER BY rowid") == values.map { [$0] })
        }

        @Test func typedBindsAndGetters() throws {
            let connection = try scratch()
            let statement = try connection.prepare("SELECT ?, ?, ?, ?, ?")
            try statement.bind(42, at: 1)
            try statement.bind(Int64(-7), at: 2)
            try statement.bind(0.25, at: 3)
            try statement.bind("x", at: 4)
            try statement.bindNull(at: 5)
            #expect(try statement.step())
            #expect(statement.int(at: 0) == 42)
            #expect(statement.int64(at: 1) == -7)
            #expect(statement.double(at: 2) == 0.25)
            #expect(statement.text(at: 3) == "x")
            #expect(statement.isNull(at: 4))
            #expect(statement.text(at: 4) == nil)
            #expect(statement.withTextBytes(at: 3) { $0.map { Array($0) } } == Array("x".utf8))
            #expect(try !statement.step())
        }

        @Test func columnsReadByNameAsByPosition() throws {
            // Given a join whose columns are a plain reference, an alias and an expression with an alias
            let connection = try scratch()
            try connection.execute("INSERT INTO t (a, b) VALUES (7, 'x'), (8, NULL)")
            let statement = try connection.prepare(
                """
                SELECT t.a, u.b AS other_b, t.a * 2 AS twice FROM t JOIN t u ON u.a = t.a ORDER BY t.a
                """)

            // When rows are read by name
            var rows: [[SQLValue]] = []
            try statement.forEachRow { row in
                rows.append([
                    .integer(try row.int64("a")), SQLValue(try row.text("other_b")),
                    .integer(Int64(try row.int("twice"))), try row.value("other_b"),
                ])
                #expect(try row.columnIndex(named: "twice") == 2)
            }

            // Then they hold what the positions hold
            #expect(rows == [[7, "x", 14, "x"], [8, nil, 16, nil]])
        }

        @Test func unknownOrSharedColumnNameThrows() throws {
            let statement = try scratch().prepare("SELECT t.a, u.a, t.b FROM t JOIN t u")
            let unknown = #expect(throws: StoreError.self) { try statement.columnIndex(named: "c") }
            #expect(unknown?.message == "no result column is named c")
            let shared = #expect(throws: StoreError.self) { try statement.columnIndex(named: "a") }
            #expect(shared?.message == "several result columns are named a; give them aliases")
            #expect(try statement.columnIndex(named: "b") == 2)
        }

        @Test func bindingOutOfRangeThrows() throws {
            let statement = try scratch().prepare("SELECT ?")
            let error = #expect(throws: StoreError.self) { try statement.bind(1, at: 2) }
            #expect(error?.primaryCode == 25)  // SQLITE_RANGE
        }

        // MARK: - Statements

        @Test func cachedStatementIsReusedAndResetBeforeReuse() throws {
            let connection = try scratch()
            try connection.execute("INSERT INTO t (a) VALUES (1), (2), (3)")
            let sql = "SELECT a FROM t WHERE a >= ? ORDER BY a"

            let first = try connection.cachedStatement(sql)
            try first.bind(2, at: 1)
            #expect(try first.step())
            #expect(first.int64(at: 0) == 2)

            // Left part-way through its rows, it comes back reset and with its bindings cleared.
            let second = try connection.cachedStatement(sql)
            #expect(first === second)
            #expect(try !second.step())  // `a >= NULL` matches nothing
            let again = try connection.cachedStatement(sql)
            try again.bind(1, at: 1)
            var seen: [Int64] = []
            try again.forEachRow { seen.append($0.int64(at: 0)) }
            #expect(seen == [1, 2, 3])
        }

        @Test func executeRunsAScriptAndNamesTheFailingStatement() throws {
            let connection = try scratch()
            let error = #expect(throws: StoreError.self) {
                try connection.execute(
                    """
                    INSERT INTO t (a) VALUES (1);
                    -- a comment
                    INSERT INTO missing_table (a) VALUES (2);
                    INSERT INTO t (a) VALUES (3);
                    """)
            }
            #expect(error?.sql?.hasPrefix("INSERT INTO missing_table") == true)
            #expect(error?.message.contains("no such table: missing_table") == true)
            #expect(try connection.query("SELECT a FROM t") == [[1]])
        }

        @Test func prepareRefusesTwoStatements() throws {
            let connection = try scratch()
            #expect(throws: StoreError.self) { try connection.prepare("SELECT 1; SELECT 2") }
            #expect(try connection.prepare("SELECT 1; -- trailing comment\n").sql.hasPrefix("SELECT 1"))
        }

        @Test func lastInsertRowIDAndChanges() throws {
            let connection = try scratch()
            try connection.execute("INSERT INTO t (a) VALUES (1), (2)")
            #expect(connection.changes == 2)
            #expect(connection.lastInsertRowID == 2)
            try connection.execute("UPDATE t SET b = 0 WHERE a = ?", [1])
            #expect(connection.changes == 1)
        }

        @Test func closeFinalizesCachedStatements() throws {
            let connection = try scratch()
            let cached = try connection.cachedStatement("SELECT 1")
            connection.close()
            #expect(connection.isClosed)
            #expect(throws: StoreError.self) { try cached.step() }
            #expect(throws: StoreError.self) { try connection.prepare("SELECT 1") }
            connection.close()  // harmless
        }

        // MARK: - Errors

        @Test func diskFullIsReportedAsFull() throws {
            // Given a database that may not grow past a few pages (as a full disk would stop it)
            let path = try temporaryDatabasePath()
            let connection = try Connection(path: path)
            try connection.execute("CREATE TABLE big (b BLOB); PRAGMA max_page_count = 8")

            // When a write needs more room
            let error = #expect(throws: StoreError.self) {
                try connection.execute("INSERT INTO big VALUES (zeroblob(1000000))")
            }

            // Then the error says so in one line a user can act on
            #expect(error?.kind == .full)
            #expect(
                error?.errorDescription
                    == "database \(path): disk full while writing; free some space and run the command again")
        }

        @Test func constraintErrorCarriesCodeMessageAndShortenedSQL() throws {
            let connection = try scratch()
            try connection.execute("CREATE TABLE u (k TEXT UNIQUE)")
            try connection.execute("INSERT INTO u VALUES ('x')")
            let longSQL = "INSERT INTO u   \n  VALUES (?) -- " + String(repeating: "padding ", count: 40)
            let error = #expect(throws: StoreError.self) { try connection.execute(longSQL, ["x"]) }

            #expect(error?.kind == .constraint)
            #expect(error?.code == 2067)
            #expect(error?.message == "UNIQUE constraint failed: u.k")
            #expect(error?.sql?.hasPrefix("INSERT INTO u VALUES (?)") == true)
            #expect(error?.sql?.count == StoreError.maxSQLLength)
            #expect(
                error?.errorDescription?.contains("rejected by a constraint: UNIQUE constraint failed: u.k") == true)
            #expect(error?.errorDescription?.contains("\n") == false)
        }

        @Test func resultCodesMapToKinds() {
            #expect(StoreError.kind(forSQLiteCode: 5) == .busy)
            #expect(StoreError.kind(forSQLiteCode: 6) == .busy)
            #expect(StoreError.kind(forSQLiteCode: 517) == .busy)  // SQLITE_BUSY_SNAPSHOT
            #expect(StoreError.kind(forSQLiteCode: 787) == .constraint)  // SQLITE_CONSTRAINT_FOREIGNKEY
            #expect(StoreError.kind(forSQLiteCode: 11) == .corrupt)
            #expect(StoreError.kind(forSQLiteCode: 13) == .full)
            #expect(StoreError.kind(forSQLiteCode: 8) == .readOnly)
            #expect(StoreError.kind(forSQLiteCode: 778) == .ioError)  // SQLITE_IOERR_WRITE
            #expect(StoreError.kind(forSQLiteCode: 14) == .cantOpen)
            #expect(StoreError.kind(forSQLiteCode: 26) == .notADatabase)
            #expect(StoreError.kind(forSQLiteCode: 1) == .other)
        }
    }
}

@Suite("Connection.scalar")
struct ConnectionScalarTests {
    @Test("no row is nil; a row whose value is NULL is .null")
    func noRowIsNil() throws {
        let store = try makeTempStore()
        let values = try store.read { c in
            [
                try c.scalar("SELECT 1 FROM store_meta WHERE key = 'no such key'"), try c.scalar("SELECT NULL"),
                try c.scalar("SELECT 7"),
            ]
        }
        #expect(values == [nil, .some(.null), .some(.integer(7))])
    }
}
