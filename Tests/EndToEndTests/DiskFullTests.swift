import Foundation
import SalesCore
import SalesTestSupport
import Testing

/// A small tmpfs, mounted for one test: a disk that really fills up. Needs root (CI and the development
/// machines run the tests as root); elsewhere the suite says it was skipped.
private final class SmallDisk {
    let path: String

    /// Whether this process may mount a tmpfs (tried once, on a probe folder).
    static let available: Bool = {
        guard geteuid() == 0, let probe = try? SmallDisk(megabytes: 1) else { return false }
        probe.unmount()
        return true
    }()

    init(megabytes: Int) throws {
        path = try temporaryDirectory().appendingPathComponent("disk").path
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        let mount = try run("/bin/mount", ["-t", "tmpfs", "-o", "size=\(megabytes)m", "tmpfs", path])
        guard mount == 0 else { throw CocoaError(.fileWriteNoPermission) }
    }

    func unmount() { _ = try? run("/bin/umount", [path]) }

    private func run(_ tool: String, _ arguments: [String]) throws -> Int32 {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: tool)
        process.arguments = arguments
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        try process.run()
        process.waitUntilExit()
        return process.terminationStatus
    }
}

@Suite("Disk full: a store and outputs on a small tmpfs", .serialized, .enabled(if: SmallDisk.available))
struct DiskFullTests {
    /// Rows of the tables an import writes, and the committed batches.
    private func contents(_ path: String) throws -> [String] {
        let store = try Store.open(path: path)
        defer { store.close() }
        return try store.read { c in
            #expect(try c.query("PRAGMA integrity_check").map { $0.first?.text ?? "" } == ["ok"])
            #expect(try c.scalar("SELECT count(*) FROM import_batch WHERE status = 'open'")?.int64 == 0)
            return try ["order_line", "customer", "product", "person", "region", "import_batch"].map { table in
                "\(table) \(try c.scalar("SELECT count(*) FROM \(table)")?.int64 ?? -1)"
            }
        }
    }

    @Test("an import that fills the disk: one line saying so, exit 74, the store as it was and usable")
    func importFillsTheDisk() throws {
        let work = try temporaryDirectory()
        let workbook = work.appendingPathComponent("orders-40000.xlsx").path
        #expect(try runTool("fixture-gen", ["orders", "--lines", "40000", "--out", workbook]).status == 0)
        let small = work.appendingPathComponent("orders-200.xlsx").path
        #expect(try runTool("fixture-gen", ["orders", "--lines", "200", "--seed", "3", "--out", small]).status == 0)

        let disk = try SmallDisk(megabytes: 3)
        defer { disk.unmount() }
        let db = disk.path + "/sales.db"
        let first = try runTool("sales-import", [small, "--db", db])
        #expect(first.status == 0, "\(first.stderr)")
        let before = try contents(db)

        // $TMPDIR (where a staged import keeps its private file) off the small disk: the import's writes fill it.
        let run = try runTool(
            "sales-import", [workbook, "--db", db],
            environment: ["TMPDIR": work.path])
        #expect(run.status == 74, "\(run.status): \(run.stderr)")
        let lines = run.stderr.split(separator: "\n")
        #expect(lines.count == 1 && run.stderr.contains("disk full"), "\(run.stderr)")
        #expect(try contents(db) == before)

        // $TMPDIR on the full disk too: refused, the store untouched, nothing left there.
        let staged = try runTool(
            "sales-import", [workbook, "--db", db],
            environment: ["TMPDIR": disk.path])
        #expect(staged.status != 0)
        #expect(staged.stderr.split(separator: "\n").count == 1, "\(staged.stderr)")
        #expect(try contents(db) == before)
        let leftovers = try FileManager.default.contentsOfDirectory(atPath: disk.path)
            .filter { $0.hasPrefix("sales-import-") }
        #expect(leftovers.isEmpty, "staging left on the disk: \(leftovers)")

        // The store still takes an import that fits.
        let again = try runTool("sales-import", [small, "--db", db])
        #expect(again.status == 0, "\(again.stderr)")
        print(
            "disk-full: 3 MiB tmpfs; import of 40,000 lines refused with exit \(run.status) "
                + "(\(run.stderr.trimmingCharacters(in: .whitespacesAndNewlines))); store unchanged and usable")
    }

    @Test("an export onto a full disk: exit 74, nothing left behind")
    func exportFillsTheDisk() throws {
        let work = try temporaryDirectory()
        let db = work.appendingPathComponent("sales.db").path
        #expect(try runTool("sales-import", [fixtureURL("demo-company.xlsx").path, "--db", db]).status == 0)
        let disk = try SmallDisk(megabytes: 1)
        defer { disk.unmount() }
        // Fill the disk but for a few kilobytes.
        let filler = disk.path + "/filler"
        #expect(FileManager.default.createFile(atPath: filler, contents: Data(count: 1_040_000)))
        for format in ["xlsx", "html", "json", "md"] {
            let out = disk.path + "/summary." + format
            let run = try runTool("sales-export", ["--db", db, "--period", "2025", "--out", out, "--lang", "en"])
            #expect(run.status == 74, "\(format): \(run.status) \(run.stderr)")
            #expect(run.stderr.split(separator: "\n").count == 1, "\(run.stderr)")
        }
        let csv = try runTool(
            "sales-export",
            [
                "--db", db, "--period", "2025", "--format", "csv",
                "--out", disk.path + "/csv",
            ])
        #expect(csv.status == 74, "\(csv.stderr)")
        let left = try FileManager.default.contentsOfDirectory(atPath: disk.path).filter {
            $0 != "filler" && $0 != "csv"
        }
        #expect(left.isEmpty, "left behind: \(left)")
        let csvLeft = (try? FileManager.default.contentsOfDirectory(atPath: disk.path + "/csv")) ?? []
        #expect(csvLeft.isEmpty, "left behind in the CSV folder: \(csvLeft)")
    }
}
