/// Conversions of exact numbers into the values the store keeps.
extension ExactNumber {
    static let tooLargeForMoney = Reason("it is too large for an amount (at most 92,233,720,368,547,758.07)")
    static let tooManyPlaces = Reason("it has more than 2 decimal places")

    /// The number times `scale`, in cents.
    ///
    /// Text must come to a whole number of cents exactly. With `tolerance`, a numeric cell may miss a whole
    /// number of cents by at most 1e-6 (of the unit, after scaling): binary artefacts such as
    /// `2469.1300000000001` are rounded to the nearest cent; anything further off is an error.
    /// - Parameter scale: the column's unit (10 000 for `金额(万元)`); at least 1.
    func cents(scale: Int, tolerance: Bool) -> Result<Int64, Reason> {
        precondition(scale >= 1, "money scale must be at least 1")
        var s = significand
        var e = exponent + 2
        var rest = UInt64(scale)
        while rest % 10 == 0 {
            rest /= 10
            e += 1
        }
        if s == 0 { return .success(0) }
        if rest != 1 {
            let (product, overflow) = s.multipliedReportingOverflow(by: rest)
            if overflow { return .failure(Self.tooLargeForMoney) }
            s = product
        }
        var magnitude: UInt64
        if e >= 0 {
            guard let p = Self.powerOf10(e) else { return .failure(Self.tooLargeForMoney) }
            let (product, overflow) = s.multipliedReportingOverflow(by: p)
            if overflow { return .failure(Self.tooLargeForMoney) }
            magnitude = product
        } else {
            guard tolerance else { return .failure(Self.tooManyPlaces) }
            let k = -e
            if let p = Self.powerOf10(k) {
                var q = s / p
                var r = s % p
                if r >= p - r {
                    q += 1
                    r = p - r
                }
                let (scaled, overflow) = r.multipliedReportingOverflow(by: 10_000)
                guard r == 0 || (!overflow && scaled <= p) else { return .failure(Self.tooManyPlaces) }
                magnitude = q
            } else {
                // Below a tenth of a cent by many orders: within 1e-6 when s × 10⁴ ≤ 10ᵏ.
                if let limit = Self.powerOf10(k - 4), s > limit { return .failure(Self.tooManyPlaces) }
                magnitude = 0
            }
        }
        guard magnitude <= UInt64(Int64.max) else { return .failure(Self.tooLargeForMoney) }
        return .success(isNegative ? -Int64(magnitude) : Int64(magnitude))
    }

    /// The number as an `Int64` when it is whole.
    func integer() -> Result<Int64, Reason> {
        guard exponent >= 0 else { return .failure(Reason("it is not a whole number")) }
        guard let p = Self.powerOf10(exponent) else { return .failure(Reason("it is too large")) }
        let (magnitude, overflow) = significand.multipliedReportingOverflow(by: p)
        guard !overflow, magnitude <= UInt64(Int64.max) else { return .failure(Reason("it is too large")) }
        return .success(isNegative ? -Int64(magnitude) : Int64(magnitude))
    }

    /// The canonical text of a quantity: plain digits, at most 30 integer and 30 decimal places.
    func decimalText() -> Result<String, Reason> {
        guard significand == 0 || (exponent <= 30 && exponent > -30 - 19) else {
            return .failure(Reason(exponent > 0 ? "it is too large" : "it has too many decimal places"))
        }
        if exponent < 0 && -exponent > 30 { return .failure(Reason("it has too many decimal places")) }
        return .success(description)
    }
}
