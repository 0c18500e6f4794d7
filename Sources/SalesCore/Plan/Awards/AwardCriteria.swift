import Foundation
import TOMLKit

/// The criteria of the quarterly awards and of improvement plans: the `[awards]` table of the plan file
/// (`sales-plan awards --plan FILE`), every key optional.
///
/// ```toml
/// [awards]
/// star_min_revenue = 500000           # yuan in the quarter, at least (default 0)
/// star_min_completion = 100           # % of the quarter's target, at least (default 100)
/// satisfaction_min_customers = 3      # distinct customers of the rep who gave a survey score (default 3)
/// team_min_reps = 2                   # reps of the team with a target or revenue in the quarter (default 2)
/// team_min_completion = 100           # % of the team's quarter target, at least (default 100)
/// improvement_threshold = 80          # % completion: under it two quarters running (default 80)
/// ```
///
/// Percentages are kept in hundredths of a percent and money in cents, compared exactly.
public struct AwardCriteria: Sendable, Hashable, Codable {
    public var starMinRevenueCents: Int64
    /// Completion in hundredths of a percent (10000 = 100%).
    public var starMinCompletionBasisPoints: Int64
    public var satisfactionMinCustomers: Int
    public var teamMinReps: Int
    public var teamMinCompletionBasisPoints: Int64
    public var improvementThresholdBasisPoints: Int64
    /// Where the criteria come from: the plan file's path, or `nil` for the defaults.
    public var source: String?

    /// The defaults, used when no plan is given or the plan has no `[awards]` table.
    public static let defaults = AwardCriteria(
        starMinRevenueCents: 0, starMinCompletionBasisPoints: 10_000, satisfactionMinCustomers: 3, teamMinReps: 2,
        teamMinCompletionBasisPoints: 10_000, improvementThresholdBasisPoints: 8_000, source: nil)

    static let keys = [
        "star_min_revenue", "star_min_completion", "satisfaction_min_customers", "team_min_reps",
        "team_min_completion", "improvement_threshold",
    ]

    /// The `[awards]` table of a plan file (the defaults for a key it leaves out, or for no table).
    /// - Throws: ``PlanError`` naming the file and the key for an unknown key or a value out of range.
    static func parse(_ value: (any TOMLValueConvertible)?, file: String) throws -> AwardCriteria {
        var criteria = AwardCriteria.defaults
        criteria.source = file
        guard let value else { return criteria }
        guard let table = value.table else { throw PlanError(.data, "\(file): awards must be a table") }
        for key in table.keys.sorted() where !keys.contains(key) {
            throw PlanError(.data, "\(file): unknown key awards.\(key)")
        }
        func number(_ key: String) -> Double? {
            if let i = table[key]?.int { return Double(i) }
            return table[key]?.double
        }
        func percent(_ key: String, default fallback: Int64) throws -> Int64 {
            guard table[key] != nil else { return fallback }
            guard let v = number(key), v.isFinite, v >= 0, v <= 10_000 else {
                throw PlanError(.data, "\(file): awards.\(key) must be a percentage from 0 to 10000")
            }
            return Int64((v * 100).rounded())
        }
        func count(_ key: String, default fallback: Int) throws -> Int {
            guard table[key] != nil else { return fallback }
            guard let v = table[key]?.int, (1...1_000_000).contains(v) else {
                throw PlanError(.data, "\(file): awards.\(key) must be a whole number from 1 to 1,000,000")
            }
            return v
        }
        if table["star_min_revenue"] != nil {
            guard let v = number("star_min_revenue"), v.isFinite, v >= 0, v <= 1e12 else {
                throw PlanError(
                    .data, "\(file): awards.star_min_revenue must be an amount in yuan from 0 to 1,000,000,000,000")
            }
            criteria.starMinRevenueCents = Int64((v * 100).rounded())
        }
        criteria.starMinCompletionBasisPoints = try percent(
            "star_min_completion", default: criteria.starMinCompletionBasisPoints)
        criteria.satisfactionMinCustomers = try count(
            "satisfaction_min_customers", default: criteria.satisfactionMinCustomers)
        criteria.teamMinReps = try count("team_min_reps", default: criteria.teamMinReps)
        criteria.teamMinCompletionBasisPoints = try percent(
            "team_min_completion", default: criteria.teamMinCompletionBasisPoints)
        criteria.improvementThresholdBasisPoints = try percent(
            "improvement_threshold", default: criteria.improvementThresholdBasisPoints)
        return criteria
    }

    /// The `[awards]` table of the plan file at `path` (the whole file must be a valid commission plan).
    public static func read(path: String) throws -> AwardCriteria {
        try CommissionPlan.read(path: path).awards
    }
}
