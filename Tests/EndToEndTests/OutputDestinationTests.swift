import Foundation
import SalesTestSupport
import Testing

/// `--out` naming a pipe or a device: the tools write into it and leave it as it was. Every file is written
/// to a temporary name and renamed into place; renaming over `/dev/null` as root once replaced the null device
/// with an ordinary file, for every program on the machine. A FIFO stands in for the device here, so a
/// regression cannot break the machine running the test.
@Suite("--out into a pipe or device", .serialized)
struct OutputDestinationTests {
    /// Runs `tool` with `arguments` (which name `fifo` as `--out`) while `cat` drains the FIFO; returns the
    /// run and what came through the pipe.
    private func throughFIFO(_ tool: String, _ arguments: [String], fifo: String) throws -> (ToolRun, Data) {
        let received = fifo + ".received"
        _ = FileManager.default.createFile(atPath: received, contents: nil)
        let sink = try FileHandle(forWritingTo: URL(fileURLWithPath: received))
        let cat = Process()
        cat.executableURL = URL(fileURLWithPath: "/bin/cat")
        cat.arguments = [fifo]
        cat.standardOutput = sink
        try cat.run()
        let run = try runTool(tool, arguments)
        // A tool that failed before opening the pipe, or renamed a file over it, leaves `cat` waiting for a
        // writer. SIGKILL, since a child of the test runner inherits its blocked signals, SIGTERM among them.
        if run.status != 0 || !isFIFO(fifo) { kill(cat.processIdentifier, SIGKILL) }
        cat.waitUntilExit()
        try sink.close()
        return (run, try Data(contentsOf: URL(fileURLWithPath: received)))
    }

    private func isFIFO(_ path: String) -> Bool {
        var info = stat()
        return lstat(path, &info) == 0 && (info.st_mode & S_IFMT) == S_IFIFO
    }

    @Test("sales-export and sales-score write through a FIFO and leave it a FIFO")
    func fifo() throws {
        let dir = try temporaryDirectory(prefix: "out-fifo")
        let db = dir.appendingPathComponent("sales.db").path
        let imported = try runTool("sales-import", [fixtureURL("demo-company.xlsx").path, "--db", db])
        try #require(imported.status == 0, "\(imported.stderr)")
        let fifo = dir.appendingPathComponent("out.pipe").path
        try #require(mkfifo(fifo, 0o600) == 0)

        let (summary, markdown) = try throughFIFO(
            "sales-export", ["--period", "2025", "--format", "md", "--out", fifo, "--db", db, "--lang", "en"],
            fifo: fifo)
        #expect(summary.status == 0, "\(summary.stderr)")
        #expect(String(decoding: markdown, as: UTF8.self).hasPrefix("# "))
        #expect(isFIFO(fifo), "the summary replaced the FIFO")

        let (score, csv) = try throughFIFO(
            "sales-score", ["run", "--db", db, "--format", "csv", "--out", fifo, "--lang", "en"], fifo: fifo)
        #expect(score.status == 0, "\(score.stderr)")
        #expect(String(decoding: csv, as: UTF8.self).hasPrefix("\u{FEFF}customer_id,code,name,tier,"))
        #expect(isFIFO(fifo), "the scores replaced the FIFO")

        // An XLSX archive goes back to patch each entry's header; through a pipe that may fail, but it fails
        // in one line and the pipe stays.
        let (workbook, bytes) = try throughFIFO(
            "sales-export", ["--period", "2025", "--format", "xlsx", "--out", fifo, "--db", db], fifo: fifo)
        if workbook.status == 0 {
            #expect(bytes.starts(with: [0x50, 0x4B, 0x03, 0x04]))
        } else {
            #expect(workbook.stderr.split(separator: "\n").count == 1, "\(workbook.stderr)")
        }
        #expect(isFIFO(fifo), "the workbook replaced the FIFO")
        #expect(
            try FileManager.default.contentsOfDirectory(atPath: dir.path).allSatisfy { !$0.contains(".tmp-") },
            "a temporary file was left beside the pipe")
    }
}
