import ArgumentParser

extension FixtureGen {
    struct Orders: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Write the benchmark workbook: one 订单明细 sheet of N order lines.")

        @Option(help: "Order lines to write (1–\(OrdersBenchmark.maxLines)).")
        var lines: Int

        @Option(help: "The workbook to write.")
        var out: String

        @OptionGroup var options: SeedOptions

        func validate() throws {
            guard (1...OrdersBenchmark.maxLines).contains(lines) else {
                throw ValidationError("--lines must be between 1 and \(OrdersBenchmark.maxLines) (Excel's last row)")
            }
        }

        func run() throws {
            let started = ContinuousClock.now
            let summary = try OrdersBenchmark.write(lines: lines, to: out, seed: options.seed)
            report(out, started: started, sheets: [(OrdersBenchmark.sheetName, summary.lines)])
            print("  \(summary.orders) orders, \(summary.customers) customers")
        }
    }
}
