import Foundation

/// Why a scoring model refused its input or its settings, or could not be fitted.
public enum ScoreModelError: Error, LocalizedError, Equatable, Sendable {
    /// The same customer id appears twice in one input.
    case duplicateCustomer(Int64)
    /// A customer's figures are outside their domain (negative days, recency later than age, …).
    case invalidInput(customerID: Int64?, reason: String)
    /// A setting outside its allowed range, with the range in words.
    case invalidSetting(name: String, value: String, allowed: String)
    /// The data cannot identify the model's parameters (no customers, no repeat purchases, …).
    case notEnoughData(model: String, reason: String)
    /// The maximum-likelihood search ended without meeting its convergence test.
    case fitDidNotConverge(model: String, iterations: Int)

    public var errorDescription: String? {
        switch self {
        case .duplicateCustomer(let id):
            "customer \(id) appears more than once in the scoring input"
        case .invalidInput(let id, let reason):
            id.map { "customer \($0): \(reason)" } ?? reason
        case .invalidSetting(let name, let value, let allowed):
            "\(name) = \(value): expected \(allowed)"
        case .notEnoughData(let model, let reason):
            "cannot fit the \(model) model: \(reason)"
        case .fitDidNotConverge(let model, let iterations):
            "the \(model) fit did not converge in \(iterations) iterations"
        }
    }
}
