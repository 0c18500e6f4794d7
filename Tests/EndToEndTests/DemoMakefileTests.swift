import Foundation
import SalesTestSupport
import Testing

/// `make demo` shows refusals in its own words: a newcomer never sees make report an error for a step
/// that went as it should.
@Suite("make demo")
struct DemoMakefileTests {
    /// Runs `make` in the repository with extra rules, the Makefile's own definitions loaded.
    private func make(_ rules: String, target: String) throws -> (status: Int32, stdout: String, stderr: String) {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["make", "--no-print-directory", "-s", "--eval", rules, target]
        process.currentDirectoryURL = repositoryRoot()
        let out = Pipe()
        let err = Pipe()
        process.standardOutput = out
        process.standardError = err
        try process.run()
        let outData = out.fileHandleForReading.readDataToEndOfFile()
        let errData = err.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return (
            process.terminationStatus, String(decoding: outData, as: UTF8.self),
            String(decoding: errData, as: UTF8.self)
        )
    }

    @Test("a refused step says so with its exit status, and make reports no error")
    func refusedStep() throws {
        let refused = try make("probe-refused: ; $(call refused,sh -c 'exit 77')", target: "probe-refused")
        #expect(refused.status == 0, "\(refused.stderr)")
        #expect(refused.stdout.contains("refused, as it should be (exit status 77)"), "\(refused.stdout)")
        #expect(!refused.stderr.contains("make:"), "\(refused.stderr)")
    }

    @Test("a step that should have been refused but was accepted stops the demo")
    func acceptedStep() throws {
        let accepted = try make("probe-accepted: ; $(call refused,true)", target: "probe-accepted")
        #expect(accepted.status != 0)
        #expect(accepted.stdout.contains("should have been refused"), "\(accepted.stdout)")
    }

    @Test("no step of the demo ignores its errors")
    func noIgnoredErrors() throws {
        let makefile = try String(contentsOf: repositoryRoot().appendingPathComponent("Makefile"), encoding: .utf8)
        let lines = makefile.components(separatedBy: "\n")
        let start = try #require(lines.firstIndex { $0.hasPrefix("demo:") })
        let recipe = lines[(start + 1)...].prefix { $0.hasPrefix("\t") || $0.isEmpty }
        #expect(recipe.count > 10)
        for (i, line) in recipe.enumerated() where i == 0 || !recipe[recipe.startIndex + i - 1].hasSuffix("\\") {
            let command = line.drop { $0 == "\t" || $0 == "@" }
            #expect(!command.hasPrefix("-"), "make demo ignores the errors of: \(line)")
        }
    }
}
