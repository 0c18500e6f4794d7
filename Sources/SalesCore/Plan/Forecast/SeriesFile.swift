import Foundation

/// A monthly series read from a CSV file (`sales-plan forecast --series FILE`): the first column a month
/// (`2019-01`, or a date `2019-01-01`), the second a number; a header row is allowed; months must follow
/// one another without gaps or repeats.
public struct SeriesFile: Sendable {
    public var name: String
    public var first: PlanMonth
    public var values: [Double]

    /// Reads the file.
    /// - Throws: ``PlanError`` naming the row and the value when a row is not a month and a number, a month is
    ///   missing or repeated, or the file has no rows; ``CSVError`` when it cannot be read.
    public static func read(path: String) throws -> SeriesFile {
        guard FileManager.default.fileExists(atPath: path) else {
            throw PlanError(.noInput, "\(path): no such file")
        }
        let reader = try CSVReader(path: path)
        var first: PlanMonth?
        var values: [Double] = []
        var header = false
        _ = try reader.readRows { row in
            guard !row.isBlank else { return }
            let monthText = row.field(at: 0).trimmingCharacters(in: .whitespaces)
            let valueText = row.count > 1 ? row.field(at: 1).trimmingCharacters(in: .whitespaces) : ""
            guard let month = PlanMonth(text: Substring(monthText)) else {
                if first == nil && !header {
                    header = true
                    return
                }
                throw PlanError(
                    .data,
                    "\(path) row \(row.number) column 1: \(quoted(monthText)) is not a month (write 2019-01 or 2019-01-01)"
                )
            }
            let cleaned = valueText.replacingOccurrences(of: ",", with: "")
            guard let value = Double(cleaned), value.isFinite, abs(value) < 1e15 else {
                throw PlanError(
                    .data, "\(path) row \(row.number) column 2: \(quoted(valueText)) is not a number below 10^15")
            }
            if let first {
                let expected = first.advanced(by: values.count)
                guard month == expected else {
                    throw PlanError(
                        .data,
                        "\(path) row \(row.number): month \(month.text) where \(expected.text) was expected "
                            + "(months must follow one another, without gaps or repeats)")
                }
            } else {
                first = month
            }
            values.append(value)
        }
        guard let first else { throw PlanError(.data, "\(path): no rows of month and value") }
        return SeriesFile(name: path, first: first, values: values)
    }

    static func quoted(_ text: String) -> String { "\"" + TerminalText.visible(String(text.prefix(40))) + "\"" }
}
