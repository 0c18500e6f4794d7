import Crypto
import Foundation
import TOMLKit

/// A commission plan, read from TOML (`sales-plan commission --plan FILE`).
///
/// ```toml
/// name = "2025 销售提成方案"
/// version = "2025.2"              # a changed plan is a new version
/// cap = 150000                   # yuan per rep and period, commission before the bonus
///
/// [rates]                        # completion bands: from (% of target, inclusive) → rate (% of revenue)
/// bands = [{ from = 0, rate = 2 }, { from = 80, rate = 3 }, { from = 100, rate = 4 }, { from = 120, rate = 5 }]
/// no_target_rate = 2             # reps without a target for the period (default: the first band's rate)
///
/// [multipliers]                  # multiply the rate; both apply when both match
/// product_line = { "软件服务" = 1.2 }
/// tier = { high = 1.5, low = 0.8 }
///
/// [clawback]
/// days = 90                      # a return within this many days of its sale takes its commission back
///
/// [new_customer]
/// bonus = 500                    # yuan per customer whose first order in the store falls in the period
/// ```
///
/// Rates and multipliers are kept as exact integers: rates in millionths of the amount, multipliers in
/// millionths, money in cents.
public struct CommissionPlan: Sendable, Equatable {
    public struct Band: Sendable, Equatable, Codable {
        /// Completion at which the band starts, in hundredths of a percent (10000 = 100%).
        public var fromBasisPoints: Int64
        /// The rate, in millionths of the amount (35000 = 3.5%).
        public var ratePPM: Int64
    }

    public var name: String
    public var version: String
    /// SHA-256 of the plan file's bytes, hex: two statements with the same hash came from the same text.
    public var sha256: String
    /// By `from`, ascending; the first starts at 0.
    public var bands: [Band]
    public var noTargetRatePPM: Int64
    /// Multipliers in millionths, by product line and by tier code.
    public var productLineMultipliers: [String: Int64]
    public var tierMultipliers: [String: Int64]
    public var capCents: Int64?
    public var clawbackDays: Int
    public var newCustomerBonusCents: Int64
    /// The `[awards]` table: the criteria of `sales-plan awards` (the defaults when the plan has none).
    public var awards: AwardCriteria = .defaults

    /// Reads the plan file.
    /// - Throws: ``PlanError`` naming the file and the key when the file is missing, is not TOML, or holds an
    ///   unknown key or a value out of range.
    public static func read(path: String) throws -> CommissionPlan {
        guard let data = FileManager.default.contents(atPath: path) else {
            throw PlanError(.noInput, "\(path): no such file, or it cannot be read")
        }
        guard let text = String(data: data, encoding: .utf8) else {
            throw PlanError(.data, "\(path): not UTF-8 text")
        }
        let hash = SHA256.hash(data: data).map { String(format: "%02x", $0) }.joined()
        return try parse(text, sha256: hash, file: path)
    }

    /// Parses plan text (``read(path:)`` without the file).
    public static func parse(_ text: String, sha256: String, file: String = "plan") throws -> CommissionPlan {
        let table: TOMLTable
        do {
            table = try TOMLTable(string: text)
        } catch let error as TOMLParseError {
            throw PlanError(.data, "\(file) line \(error.source.begin.line): \(error.description)")
        } catch {
            throw PlanError(.data, "\(file): not TOML (\(error))")
        }
        func fail(_ key: String, _ expected: String) -> PlanError {
            PlanError(.data, "\(file): \(key) must be \(expected)")
        }
        func refuseUnknown(_ t: TOMLTable, _ known: [String], _ prefix: String) throws {
            for key in t.keys.sorted() where !known.contains(key) {
                throw PlanError(.data, "\(file): unknown key \(prefix.isEmpty ? "" : prefix + ".")\(key)")
            }
        }
        func number(_ value: (any TOMLValueConvertible)?) -> Double? {
            if let i = value?.int { return Double(i) }
            return value?.double
        }
        func percentToPPM(_ value: Double?, _ key: String) throws -> Int64 {
            guard let value, value.isFinite, value >= 0, value <= 100 else {
                throw fail(key, "a percentage from 0 to 100")
            }
            return Int64((value * 10_000).rounded())
        }
        func yuanToCents(_ value: Double?, _ key: String) throws -> Int64 {
            guard let value, value.isFinite, value >= 0, value <= 1e12 else {
                throw fail(key, "an amount in yuan from 0 to 1,000,000,000,000")
            }
            return Int64((value * 100).rounded())
        }
        try refuseUnknown(
            table, ["name", "version", "rates", "multipliers", "cap", "clawback", "new_customer", "awards"], "")
        guard let name = table["name"]?.string, !name.trimmingCharacters(in: .whitespaces).isEmpty else {
            throw fail("name", "a non-empty text")
        }
        guard let version = table["version"]?.string, !version.trimmingCharacters(in: .whitespaces).isEmpty else {
            throw fail("version", "a non-empty text (a changed plan is a new version)")
        }
        guard let rates = table["rates"]?.table else { throw fail("rates", "a table with bands") }
        try refuseUnknown(rates, ["bands", "no_target_rate"], "rates")
        guard let bandArray = rates["bands"]?.array, bandArray.count > 0 else {
            throw fail("rates.bands", "a list of { from = PERCENT, rate = PERCENT }")
        }
        var bands: [Band] = []
        for (i, element) in bandArray.enumerated() {
            let key = "rates.bands[\(i)]"
            guard let band = element.table else { throw fail(key, "{ from = PERCENT, rate = PERCENT }") }
            try refuseUnknown(band, ["from", "rate"], key)
            guard let from = number(band["from"]), from.isFinite, from >= 0, from <= 10_000 else {
                throw fail(key + ".from", "a completion in percent from 0 to 10000")
            }
            bands.append(
                Band(
                    fromBasisPoints: Int64((from * 100).rounded()),
                    ratePPM: try percentToPPM(number(band["rate"]), key + ".rate")))
        }
        for i in bands.indices.dropFirst() where bands[i].fromBasisPoints <= bands[i - 1].fromBasisPoints {
            throw fail("rates.bands", "in ascending order of from, without repeats")
        }
        guard bands[0].fromBasisPoints == 0 else {
            throw fail("rates.bands[0].from", "0 (every completion needs a band)")
        }
        let noTarget =
            rates["no_target_rate"] == nil
            ? bands[0].ratePPM : try percentToPPM(number(rates["no_target_rate"]), "rates.no_target_rate")
        var lineMultipliers: [String: Int64] = [:]
        var tierMultipliers: [String: Int64] = [:]
        if let m = table["multipliers"] {
            guard let t = m.table else { throw fail("multipliers", "a table") }
            try refuseUnknown(t, ["product_line", "tier"], "multipliers")
            for (kind, key) in [("product_line", "multipliers.product_line"), ("tier", "multipliers.tier")] {
                guard let value = t[kind] else { continue }
                guard let entries = value.table else { throw fail(key, "a table of NAME = FACTOR") }
                for name in entries.keys.sorted() {
                    guard let factor = number(entries[name]), factor.isFinite, factor >= 0, factor <= 10 else {
                        throw fail("\(key).\(name)", "a factor from 0 to 10")
                    }
                    if kind == "tier" && !Codes.productTier.contains(name) {
                        throw fail("\(key).\(name)", "one of the tiers \(Codes.productTier.joined(separator: ", "))")
                    }
                    let ppm = Int64((factor * 1_000_000).rounded())
                    if kind == "tier" { tierMultipliers[name] = ppm } else { lineMultipliers[name] = ppm }
                }
            }
        }
        let cap = table["cap"] == nil ? nil : try yuanToCents(number(table["cap"]), "cap")
        var days = 0
        if let c = table["clawback"] {
            guard let t = c.table else { throw fail("clawback", "a table") }
            try refuseUnknown(t, ["days"], "clawback")
            guard let d = t["days"]?.int, (0...3_650).contains(d) else {
                throw fail("clawback.days", "whole days from 0 to 3650")
            }
            days = d
        }
        var bonus: Int64 = 0
        if let n = table["new_customer"] {
            guard let t = n.table else { throw fail("new_customer", "a table") }
            try refuseUnknown(t, ["bonus"], "new_customer")
            bonus = try yuanToCents(number(t["bonus"]), "new_customer.bonus")
        }
        return CommissionPlan(
            name: name, version: version, sha256: sha256, bands: bands, noTargetRatePPM: noTarget,
            productLineMultipliers: lineMultipliers, tierMultipliers: tierMultipliers, capCents: cap,
            clawbackDays: days, newCustomerBonusCents: bonus,
            awards: try AwardCriteria.parse(table["awards"], file: file))
    }

    /// The band reached by `revenue` against `target` (> 0): the last whose start is at most the completion,
    /// compared exactly (revenue × 10000 ≥ from × target, in 128 bits).
    public func band(revenue: Int64, target: Int64) -> Band {
        var reached = bands[0]
        for band in bands {
            let left = revenue.multipliedFullWidth(by: 10_000)
            let right = target.multipliedFullWidth(by: band.fromBasisPoints)
            if left.high > right.high || (left.high == right.high && left.low >= right.low) { reached = band }
        }
        return reached
    }

    /// amount × rate × multiplier, rounded half away from zero to the cent, exact (128-bit product).
    public static func commission(amountCents: Int64, ratePPM: Int64, multiplierPPM: Int64) -> Int64 {
        let factor = ratePPM * multiplierPPM  // ≤ 10^6 × 10^7
        let product = amountCents.multipliedFullWidth(by: factor)
        let (quotient, remainder) = Int64(1_000_000_000_000).dividingFullWidth(product)
        // The remainder has the sign of the product; half a unit rounds away from zero.
        if remainder.magnitude * 2 >= 1_000_000_000_000 { return quotient + (remainder < 0 ? -1 : 1) }
        return quotient
    }
}
