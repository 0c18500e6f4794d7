import ArgumentParser

extension FixtureGen {
    struct Demo: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Write the demo department workbook (2024–2025, eleven sheets).")

        @Option(help: "The workbook to write.")
        var out = "Fixtures/" + DemoCompany.fileName

        @OptionGroup var options: SeedOptions

        func run() throws {
            let started = ContinuousClock.now
            let sheets = try DemoCompany.write(to: out, seed: options.seed)
            report(out, started: started, sheets: sheets)
        }
    }
}
