import ArgumentParser
import Foundation

extension FixtureGen {
    struct Hostile: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Write the hostile and broken workbooks, with a manifest of what sales-import must do.",
            discussion: """
                Writes one file per case (h01-….xlsx …) and manifest.tsv: file, what it is, the expected exit \
                code, and a distinctive part of the one-line error (or 'stored' for the formula-injection \
                workbook, which must import with its text verbatim). Nothing is random; the same options give \
                byte-identical files. The zip bombs are a few MB on disk.
                """)

        @Option(help: "The directory to write into (created if missing).")
        var outDir: String

        @Option(help: "The absolute path external entities and relationships point at (nothing may open it).")
        var externalFile = "/etc/passwd"

        @Option(help: "The URL (ending in /) network entities and relationships point at (nothing may connect).")
        var externalURL = "http://127.0.0.1:9/"

        @Flag(help: "Print nothing but errors.")
        var quiet = false

        func validate() throws {
            guard externalFile.hasPrefix("/") else { throw ValidationError("--external-file must be an absolute path") }
            guard externalURL.hasSuffix("/") else { throw ValidationError("--external-url must end in /") }
        }

        func run() throws {
            let started = ContinuousClock.now
            try makeDirectory(outDir)
            let context = HostileContext(externalFile: externalFile, externalURL: externalURL)
            var manifest = "file\twhat\texit\texpect\n"
            let cases = HostileCatalog.all()
            for c in cases {
                let bytes = c.build(context)
                let path = join(outDir, c.file)
                try Data(bytes).write(to: URL(fileURLWithPath: path))
                manifest += [c.file, c.what, String(c.exitCode), c.expect].joined(separator: "\t") + "\n"
                if !quiet { print("\(c.file): \(formatBytes(bytes.count))") }
            }
            try Data(manifest.utf8).write(to: URL(fileURLWithPath: join(outDir, "manifest.tsv")))
            if !quiet {
                let elapsed = ContinuousClock.now - started
                let seconds = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18
                print("\(cases.count) files and manifest.tsv in \(outDir), \(formatSeconds(seconds))")
            }
        }
    }
}
