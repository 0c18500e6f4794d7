import ArgumentParser

extension FixtureGen {
    struct All: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Write every committed fixture: the demo workbook and the small samples.")

        @Option(help: "The directory to write into.")
        var outDir = "Fixtures"

        @OptionGroup var options: SeedOptions

        func run() throws {
            try makeDirectory(outDir)
            let jobs: [(String, (String, UInt64) throws -> [(sheet: String, rows: Int)])] = [
                (DemoCompany.fileName, DemoCompany.write),
                (Samples.traditionalFileName, Samples.writeTraditional),
                (Samples.englishFileName, Samples.writeEnglish),
            ]
            for (name, write) in jobs {
                let path = join(outDir, name)
                let started = ContinuousClock.now
                let sheets = try write(path, options.seed)
                report(path, started: started, sheets: sheets)
            }
        }
    }
}
