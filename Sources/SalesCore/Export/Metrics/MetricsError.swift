import Foundation

/// Why the summary's arguments were refused: each case names the value, in one line a user can act on.
public enum MetricsError: Error, LocalizedError, Equatable, Sendable {
    /// `--period` is not `2026`, `2026Q3` or `2026-07` (or its year is out of range).
    case invalidPeriod(String)
    /// `--compare` is not `yoy`, `previous` or `none`.
    case invalidComparison(String)
    /// `--scope` is not `company`, `region:NAME` or `team:NAME`.
    case invalidScope(String)
    /// `--scope region:NAME` names a region the store does not know; the known names follow.
    case unknownRegion(String, known: [String])
    /// `--scope team:NAME` names a team no person belongs to; the known teams follow.
    case unknownTeam(String, known: [String])
    /// A stored amount that no total can include (an expense above the ceiling of one claim, budgets that add
    /// up past 64 bits); the message names the row.
    case storedAmount(String)

    public var errorDescription: String? {
        switch self {
        case .invalidPeriod(let text):
            return "invalid period '\(text)': write a year (2026), a quarter (2026Q3) or a month (2026-07)"
        case .invalidComparison(let text):
            return "invalid comparison '\(text)': use yoy, previous or none"
        case .invalidScope(let text):
            return "invalid scope '\(text)': use company, region:NAME or team:NAME"
        case .unknownRegion(let name, let known):
            return "no region named '\(name)' in the store" + Self.knownList(known)
        case .unknownTeam(let name, let known):
            return "no person belongs to team '\(name)'" + Self.knownList(known)
        case .storedAmount(let message):
            return message
        }
    }

    /// ` (known: a, b, c)`, at most ten names, or nothing when the list is empty.
    private static func knownList(_ names: [String]) -> String {
        guard !names.isEmpty else { return "" }
        let shown = names.prefix(10).joined(separator: ", ")
        return " (known: \(shown)\(names.count > 10 ? ", …" : ""))"
    }
}
