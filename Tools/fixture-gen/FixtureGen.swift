import ArgumentParser
import Foundation

/// The fixture generator's root command.
///
/// Every workbook is drawn from a seeded generator of our own (no system randomness, no clock),
/// so the same arguments always give a byte-identical file; `make fixtures` runs `all`.
struct FixtureGen: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "fixture-gen",
        abstract: "Generate the demo, sample and benchmark workbooks.",
        subcommands: [Demo.self, Orders.self, All.self, Hostile.self])
}

/// The seed option every subcommand takes.
struct SeedOptions: ParsableArguments {
    @Option(help: "Seed for the random generator; the same seed gives a byte-identical file.")
    var seed: UInt64 = DemoCompany.defaultSeed
}

// MARK: - Reporting

/// Prints what was written: path, size, time and rows per sheet.
func report(_ path: String, started: ContinuousClock.Instant, sheets: [(sheet: String, rows: Int)]) {
    let elapsed = ContinuousClock.now - started
    let seconds = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18
    let size = (try? FileManager.default.attributesOfItem(atPath: path)[.size] as? Int) ?? 0
    print("\(path): \(formatBytes(size)) in \(formatSeconds(seconds))")
    for (sheet, rows) in sheets {
        print("  \(sheet): \(rows) rows")
    }
}

func formatBytes(_ bytes: Int) -> String {
    bytes >= 1_048_576 ? "\(Double(bytes * 10 / 1_048_576) / 10) MiB" : "\(Double(bytes * 10 / 1024) / 10) KiB"
}

func formatSeconds(_ seconds: Double) -> String {
    "\(Double(Int(seconds * 100)) / 100) s"
}

/// Creates a directory and its parents if they do not exist.
func makeDirectory(_ path: String) throws {
    try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
}

/// `dir/name`, without doubling a trailing slash.
func join(_ directory: String, _ name: String) -> String {
    directory.hasSuffix("/") ? directory + name : directory + "/" + name
}
