import Foundation

/// Why `sales-plan` cannot do what it was asked.
public struct PlanError: LocalizedError, Sendable, Equatable {
    /// What kind of failure, for the exit code.
    public enum Kind: Sendable, Equatable {
        /// An argument's value is wrong (a horizon before the data, a total below zero).
        case usage
        /// The store or a file lacks what the command needs (no orders, too short a history, a bad row).
        case data
        /// A file named on the command line does not exist or cannot be read.
        case noInput
        /// An output file cannot be written.
        case io
    }

    public var kind: Kind
    public var message: String

    public init(_ kind: Kind, _ message: String) {
        self.kind = kind
        self.message = message
    }

    public var errorDescription: String? { message }
}

extension PlanError {
    /// Runs `body`; SQLite's "integer overflow" of a sum (forged or absurd amounts) becomes a data error that
    /// names the largest order line, instead of a store error that would say the file is damaged.
    static func guardingSums<T>(_ store: Store, _ body: () throws -> T) throws -> T {
        do {
            return try body()
        } catch let error as StoreError where error.message.contains("integer overflow") {
            let largest = try? store.read {
                try $0.query(
                    "SELECT id, order_no, amount_cents FROM order_line ORDER BY abs(amount_cents) DESC, id LIMIT 1")
            }
            var named = ""
            if let row = largest?.first, let id = row[0].int64, let cents = row[2].int64 {
                let orderNo = TerminalText.visible(row[1].text ?? "")
                named = " (the largest is order line \(id), order \(orderNo): ¥\(MoneyDisplay.text(cents: cents)))"
            }
            throw PlanError(
                .data,
                "the store's order line amounts add up past what a 64-bit total can hold\(named); nothing was planned")
        }
    }
}
