import ArgumentParser
import Foundation
import SalesCLI
import SalesCore

@main
struct SalesPlan: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "sales-plan",
        abstract:
            "Plan and pay: the revenue forecast with its backtest, next year's targets, commission statements, awards.",
        discussion: """
            'sales-plan forecast' forecasts monthly revenue for the next quarter or year from the store's history \
            (Holt-Winters exponential smoothing, used only where it beat the same-month-last-year baseline in a \
            rolling backtest), names the peak quarters, and weighs the open pipeline by learned win rates. \
            'sales-plan targets' splits next year's company target into quarters, regions, teams, reps and \
            product lines, to the cent, and writes it as a workbook sales-import loads. 'sales-plan commission' \
            writes every rep's statement for a period under a TOML plan, each amount traced to its order \
            lines. 'sales-plan awards' names the quarter's star, satisfaction and team award winners and the \
            improvement-plan candidates by the plan's criteria. docs/plan.md explains every number.
            Exit codes: 0 ok, 64 bad arguments, 65 not enough history, a bad series or plan file, 66 no store or \
            no file at the path, 74 an output file cannot be written, 75 store busy, 76 store damaged \
            (docs/exit-codes.md).
            """,
        subcommands: [Forecast.self, Targets.self, Commission.self, Awards.self])
}

/// How a command prints its result.
enum PlanFormat: String, ExpressibleByArgument, CaseIterable {
    case table, json
}

extension ForecastGrouping: ExpressibleByArgument {}

extension SalesPlan {
    struct Forecast: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Forecast monthly revenue for a quarter or a year, with the backtest that chose the method.",
            discussion: """
                The history is every month from the first to the last with a completed or returned order line \
                (revenue as the summary counts it). A rolling-origin backtest fits on the first 15, 16, … months \
                and forecasts the next 3 each time; MAPE and MASE are printed for Holt-Winters and for the \
                seasonal-naive baseline (the same month a year earlier), and the baseline is used wherever the \
                model does not beat it. --by repeats all of this per group. --series FILE runs the same on a \
                monthly series in a CSV file (month, value) instead of the store.
                JSON: {"horizon", "grouping", "company": {"method", "choice", "model", "backtest", \
                "history_first", "history_last", "history_months", "months": [{"month", "forecast_cents", \
                "low80_cents", "high80_cents", "low95_cents", "high95_cents"}], "total_cents"}, "groups", \
                "quarter_shares", "quarter_shares_from", "pipeline", "last_order_date"}.
                Examples:
                  sales-plan forecast
                  sales-plan forecast --horizon 2026 --by region
                  sales-plan forecast --series airline.csv --json
                """)

        @OptionGroup var options: CommonOptions

        @Option(
            help: ArgumentHelp(
                "The quarter (2026Q1) or year (2026) to forecast (default: the quarter after the last month "
                    + "with orders).", valueName: "period"))
        var horizon: String?

        @Option(help: ArgumentHelp("Also forecast each region, product_line, tier or rep.", valueName: "group"))
        var by: ForecastGrouping?

        @Option(
            help: ArgumentHelp(
                "Backtest and forecast a monthly series from a CSV file (month, value) instead of the store.",
                valueName: "file"))
        var series: String?

        @Option(help: ArgumentHelp("table (default) or json.", valueName: "format"))
        var format: PlanFormat = .table

        @Flag(help: "Print JSON (the same as --format json).")
        var json = false

        func validate() throws {
            if series != nil && by != nil { throw ValidationError("--by applies to the store, not to --series") }
        }

        func run() throws {
            try runReportingErrors(tool: "sales-plan") {
                let asJSON = json || format == .json
                let period = try horizon.map { text in
                    guard let p = try? ReportPeriod.parse(text), p.kind != .month else {
                        throw ValidationError("--horizon \(text): write a quarter (2026Q1) or a year (2026)")
                    }
                    return p
                }
                let lang = options.language
                if let series {
                    let file = try SeriesFile.read(path: series)
                    let last = file.first.advanced(by: file.values.count - 1)
                    guard let period = period ?? ForecastReport.defaultHorizon(after: last) else { return }
                    let months = PlanMonth.months(of: period)
                    guard let firstMonth = months.first, firstMonth > last else {
                        throw PlanError(
                            .usage, "--horizon \(period.text) does not lie after the series, which ends \(last.text)")
                    }
                    // Forecasts are kept in hundredths, so the file's values are scaled by 100 and back.
                    let scaled = file.values.map { $0 * 100 }
                    guard let forecast = SeriesForecast.make(values: scaled, first: file.first, horizon: months)
                    else {
                        throw PlanError(
                            .data, "\(series): \(file.values.count) months; a forecast needs at least 12")
                    }
                    if asJSON {
                        write(try JSONOutput.encode(SeriesForecastJSON(forecast, file: series)) + "\n")
                    } else {
                        write(SeriesForecastText.text(forecast, file: series, horizon: period.text, lang: lang))
                    }
                    return
                }
                let store = try options.store.openExisting()
                defer { store.close() }
                let report = try ForecastReport.build(store, horizon: period, grouping: by)
                write(asJSON ? try JSONOutput.encode(report) + "\n" : ForecastText.text(report, lang: lang))
            }
        }
    }
}
