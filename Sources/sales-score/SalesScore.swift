import ArgumentParser
import Foundation
import SalesCLI
import SalesCore
import XLSX

@main
struct SalesScore: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "sales-score",
        abstract: "Tier the customers and explain each tier: RFM, segments, ABC tiers, churn risk, lifetime value.",
        discussion: """
            Every customer with an order on or before the as-of date is scored: RFM 1–5 by quintile, the \
            eight-cell segment (重要价值 … 一般挽留), tier A/B/C by share of the window's revenue (D without \
            any), churn risk against the customer's own rhythm, and a 12-month lifetime value from BG/NBD and \
            Gamma-Gamma fitted on the store's own history. Each run is stored; 'changes' lists who moved. \
            docs/score.md explains every number.
            Exit codes: 0 ok, 64 bad arguments, 65 nothing to score or an unknown run or customer, \
            66 no store at the path, 74 --out cannot be written (no run is stored), \
            75 store busy, 76 store damaged (docs/exit-codes.md).
            """,
        subcommands: [Run.self, Show.self, Changes.self, Runs.self],
        defaultSubcommand: Run.self)
}

/// How `run` prints or writes its result.
enum OutputFormat: String, ExpressibleByArgument, CaseIterable {
    case table, csv, json, xlsx
}

extension SalesScore {
    struct Run: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Score every customer and store the run (the default: 'sales-score').",
            discussion: """
                The table shows the summary and the largest customers first; --format csv, json or xlsx gives \
                every customer with the reasons in words. JSON: {"run", "started_at", "as_of", "window_start", \
                "settings", "fit", "customers": [{"customer_id", "code", "name", "tier", "segment", "r", "f", "m", \
                "recency_days", "last_order_on", "orders", "amount_cents", "revenue_rank", "top_percent", "churn_risk", \
                "typical_gap_days", "gap_source", "probability_alive", "expected_orders", \
                "expected_order_value_cents", "lifetime_value_cents", "days_to_pay", "complaints", "reasons"}]}.
                """)

        @OptionGroup var options: CommonOptions

        @Option(
            help: ArgumentHelp(
                "Score as of this day (default: the last date of a completed order in the store).",
                valueName: "date"))
        var asOf: String?

        @Option(
            help: ArgumentHelp(
                "Days of orders that count for frequency and amount, ending on the as-of date.",
                valueName: "days"))
        var window = 365

        @Option(
            help: ArgumentHelp("Tier A up to this share of the window's revenue, in percent.", valueName: "percent"))
        var tierA = 70.0

        @Option(help: ArgumentHelp("Tier B up to this share, in percent; C after it.", valueName: "percent"))
        var tierB = 90.0

        @Option(help: ArgumentHelp("Churn risk is 'lost' after this many days without an order.", valueName: "days"))
        var lostAfter = 365

        @Option(help: ArgumentHelp("Monthly discount rate of the lifetime value, in percent.", valueName: "percent"))
        var discount = 1.0

        @Option(help: ArgumentHelp("table (default), csv, json or xlsx.", valueName: "format"))
        var format: OutputFormat = .table

        @Option(help: ArgumentHelp("Write to FILE instead of standard output (required for xlsx).", valueName: "file"))
        var out: String?

        @Option(help: ArgumentHelp("Rows of the table (0 for all).", valueName: "n"))
        var top = 30

        func validate() throws {
            if format == .xlsx && out == nil { throw ValidationError("--format xlsx needs --out FILE.xlsx") }
            if window < 1 { throw ValidationError("--window must be at least 1 day") }
            if !(tierA > 0 && tierA < tierB && tierB <= 100) {
                throw ValidationError("--tier-a and --tier-b must satisfy 0 < A < B ≤ 100 (got \(tierA), \(tierB))")
            }
            if lostAfter < 1 { throw ValidationError("--lost-after must be at least 1 day") }
            if !(discount >= 0 && discount < 100) {
                throw ValidationError("--discount must be from 0 to below 100 percent")
            }
        }

        func run() throws {
            try runReportingErrors(tool: "sales-score") {
                var asOfISO: String?
                if let asOf {
                    guard case .success(.date(let d)) = ValueParser().parse(text: asOf, kind: .date) else {
                        throw ValidationError("--as-of \(asOf): not a date (write it as 2026-03-05)")
                    }
                    asOfISO = d.iso
                }
                let settings = ScoreSettings(
                    asOf: asOfISO, windowDays: window, tierACutoffBasisPoints: Int((tierA * 100).rounded()),
                    tierBCutoffBasisPoints: Int((tierB * 100).rounded()), lostAfterDays: lostAfter,
                    monthlyDiscountRate: discount / 100)
                let user = try currentUserName()
                let store = try options.store.openExisting()
                defer { store.close() }
                Progress.show("scoring…", force: true)
                let (lang, format, top) = (options.language, format, top)
                var message = ""
                // The output is made while the results are stored, and written inside the run's transaction: if it
                // cannot be written, no run is stored.
                _ = try ScoreStore.run(
                    store, settings: settings, user: user, at: Clock.system.timestamp(),
                    render: { run -> String? in
                        switch format {
                        case .table:
                            return ScoreReport.summaryText(run, lang: lang) + "\n"
                                + ScoreReport.tableText(run, lang: lang, limit: top)
                        case .csv: return ScoreReport.csv(run, lang: lang)
                        case .json: return try ScoreReport.json(run, lang: lang) + "\n"
                        case .xlsx: return nil  // written straight to the file below
                        }
                    },
                    deliver: { run, text in
                        Progress.clear()
                        guard let text else {
                            do {
                                try ScoreReport.writeXLSX(run, to: out ?? "", lang: lang)
                            } catch {
                                throw ScoreError(
                                    "\(out ?? ""): cannot be written (\(ExitStatus.message(for: error))); "
                                        + "no run was stored", isIO: true)
                            }
                            message = lang.pick(
                                "评分 #\(run.id)：\(grouped(run.customers.count)) 位客户已写入 \(out ?? "")\n",
                                "Scoring run #\(run.id): \(grouped(run.customers.count)) customers written to \(out ?? "")\n"
                            )
                            return
                        }
                        guard let out else {
                            message = text
                            return
                        }
                        do {
                            try FileDestination.write(Data(text.utf8), to: out)
                        } catch {
                            throw ScoreError(
                                "\(out): cannot be written (\(error.localizedDescription)); no run was stored",
                                isIO: true)
                        }
                        message = lang.pick("评分 #\(run.id) 已写入 \(out)\n", "Scoring run #\(run.id) written to \(out)\n")
                    })
                write(message)
            }
        }
    }

    struct Show: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "One customer: the latest scores with their reasons, and their tier and segment in every run.")

        @OptionGroup var options: CommonOptions

        @Argument(help: "The customer's code or name.")
        var customer: String

        @Flag(help: "Print JSON: an array of {\"run\", \"as_of\", \"score\": {…}, \"reasons\"}, newest first.")
        var json = false

        func run() throws {
            try runReportingErrors(tool: "sales-score") {
                let store = try options.store.openExisting()
                defer { store.close() }
                let history = try ScoreStore.history(store, customer: customer)
                if json {
                    struct Entry: Encodable {
                        var run: Int64
                        var asOf: String
                        var score: CustomerScore
                        var reasons: String
                    }
                    let entries = history.map {
                        Entry(
                            run: $0.run, asOf: $0.asOf, score: $0.score,
                            reasons: ScoreReport.reasons($0.score, lang: options.language))
                    }
                    write(try JSONOutput.encode(entries) + "\n")
                } else {
                    write(ScoreReport.showText(history, lang: options.language))
                }
            }
        }
    }

    struct Changes: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Customers whose tier or segment moved between two runs, largest amount first.",
            discussion: "Without --from and --to: the two latest runs.")

        @OptionGroup var options: CommonOptions

        @Option(help: ArgumentHelp("The earlier run (default: the one before --to).", valueName: "run"))
        var from: Int64?

        @Option(help: ArgumentHelp("The later run (default: the latest).", valueName: "run"))
        var to: Int64?

        @Flag(
            help:
                "Print a JSON array of {\"customer_id\", \"code\", \"name\", \"tier_before\", \"tier_after\", \"segment_before\", \"segment_after\", \"amount_before_cents\", \"amount_after_cents\"}."
        )
        var json = false

        func run() throws {
            try runReportingErrors(tool: "sales-score") {
                let store = try options.store.openExisting()
                defer { store.close() }
                let latest = try ScoreStore.latestRunIDs(store)
                guard let later = to ?? latest.first else { throw ScoreError("no scoring runs yet (sales-score run)") }
                guard let earlier = from ?? (to == nil ? latest.dropFirst().first : (later > 1 ? later - 1 : nil))
                else {
                    throw ScoreError(
                        "only one scoring run so far: run sales-score again after new data arrives, or name --from")
                }
                let changes = try ScoreStore.changes(store, from: earlier, to: later)
                write(
                    json
                        ? try JSONOutput.encode(changes) + "\n"
                        : ScoreReport.changesText(changes, from: earlier, to: later, lang: options.language))
            }
        }
    }

    struct Runs: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "The stored runs, newest first, with their settings, tiers and fitted model parameters.")

        @OptionGroup var options: CommonOptions

        @Flag(help: "Print a JSON array of runs.")
        var json = false

        func run() throws {
            try runReportingErrors(tool: "sales-score") {
                let store = try options.store.openExisting()
                defer { store.close() }
                let runs = try ScoreStore.runs(store)
                write(json ? try JSONOutput.encode(runs) + "\n" : ScoreReport.runsText(runs, lang: options.language))
            }
        }
    }
}
