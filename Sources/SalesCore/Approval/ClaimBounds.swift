/// The bounds every claim and every piece of text must keep before the desk stores or acts on it.
///
/// Amounts have a hard ceiling far below anything a sum of claims can overflow, and a policy may set a
/// lower maximum; spending dates lie between a policy window in the past and today; text has a length
/// limit and no control characters, so nothing a person types can rewrite a terminal that shows it.
/// Text that reached a store some other way is shown escaped (``TerminalText/visible(_:)``).
public enum ClaimBounds {
    /// The most a single claim may be, in cents: ¥1,000,000,000.00.
    ///
    /// A store holds at most 2⁶³ − 1 cents in a sum; at this ceiling about 92 million claims fit in one
    /// sum before it could overflow, so "approved so far" and the exports can add up claims safely.
    public static let maximumClaimCents: Int64 = 100_000_000_000

    /// How far back a spending date may lie when the policy does not say (`controls.max_claim_age_days`).
    public static let defaultMaximumAgeDays = 365

    /// The longest description, in characters (Unicode scalars).
    public static let descriptionLength = 2_000

    /// The longest comment or rejection reason, in characters (Unicode scalars).
    public static let remarkLength = 1_000

    // MARK: - Amounts

    /// Why `cents` may not be claimed (under a policy maximum `policyMaximumCents`), or `nil`.
    public static func amountProblem(_ cents: Int64, policyMaximumCents: Int64? = nil) -> String? {
        if cents > maximumClaimCents {
            return "\(ImportValue.moneyText(cents: cents)) is above the ceiling of "
                + "\(ImportValue.moneyText(cents: maximumClaimCents)) for one claim"
        }
        if let max = policyMaximumCents, cents > max {
            return "\(ImportValue.moneyText(cents: cents)) is above the policy's maximum of "
                + "\(ImportValue.moneyText(cents: max)) for one claim (limits.max_claim)"
        }
        return nil
    }

    /// Why the stored amount of expense `row` (its id) `number` may not be added into a total, or `nil`.
    ///
    /// An expense above the ceiling of one claim can only have been written past the tools' checks (with
    /// `sqlite3`, or by an import of an absurd figure); a total that includes it would be meaningless or
    /// would not fit in 64 bits, so the budget positions and the summary's expense figures refuse it, naming
    /// the row, rather than show a wrong figure.
    public static func storedAmountProblem(_ cents: Int64, row: Int64, number: String) -> String? {
        guard cents > maximumClaimCents else { return nil }
        return "expense row \(row) (\(number)) holds amount_cents \(cents), above the ceiling of "
            + "\(ImportValue.moneyText(cents: maximumClaimCents)) for one claim; no total that includes it is given: "
            + "correct or remove that row"
    }

    /// The sum of `amounts`, or `nil` when it does not fit in 64 bits.
    public static func checkedSum<S: Sequence>(_ amounts: S) -> Int64? where S.Element == Int64 {
        var total: Int64 = 0
        for amount in amounts {
            let (sum, overflow) = total.addingReportingOverflow(amount)
            if overflow { return nil }
            total = sum
        }
        return total
    }

    // MARK: - Dates

    /// Why `date` may not be a spending date on `today` (at most `maximumAgeDays` before it), or `nil`.
    public static func dateProblem(_ date: CivilDate, today: CivilDate, maximumAgeDays: Int) -> String? {
        if date > today { return "\(date.iso) is after today (\(today.iso))" }
        let earliest = CivilDate(daysSinceUnixEpoch: today.daysSinceUnixEpoch - maximumAgeDays)
        if date < earliest {
            return "\(date.iso) is more than \(maximumAgeDays) days before today (\(today.iso)); "
                + "the earliest accepted is \(earliest.iso)"
        }
        return nil
    }

    // MARK: - Text

    /// Why `text`, given as `option`, may not be stored, or `nil`: longer than `maxLength` characters, or
    /// holding a control character (named with its position, counted from 1).
    public static func textProblem(_ text: String, option: String, maxLength: Int) -> String? {
        var position = 0
        for scalar in text.unicodeScalars {
            position += 1
            if TerminalText.isControl(scalar) {
                return
                    "\(option): control character \(TerminalText.escape(scalar)) at position \(position) is not allowed"
            }
        }
        if position > maxLength {
            return "\(option): \(position) characters is too long (at most \(maxLength))"
        }
        return nil
    }

    /// Throws ``ApprovalError`` (`invalid`) when ``textProblem(_:option:maxLength:)`` finds one.
    static func checkText(_ text: String?, option: String, maxLength: Int) throws {
        guard let text, let problem = textProblem(text, option: option, maxLength: maxLength) else { return }
        throw ApprovalError.invalid(problem)
    }
}
