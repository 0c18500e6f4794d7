/// Splitting an amount of cents into parts that sum to it exactly.
public enum Apportion {
    /// `total` split in proportion to `weights` by the largest-remainder method: each part is
    /// ⌊total × w ÷ W⌋, and the cents left over go one each to the parts with the largest remainders (ties
    /// to the earlier part). The parts sum to `total` exactly. Negative weights count as 0; when every weight
    /// is 0 the parts are equal shares. Exact in integers (128-bit products), whatever the amounts.
    /// - Precondition: `total` ≥ 0 and `weights` is not empty.
    public static func largestRemainder(_ total: Int64, weights: [Int64]) -> [Int64] {
        precondition(total >= 0 && !weights.isEmpty)
        var w = weights.map { max($0, 0) }
        var sum: Int64 = 0
        for value in w {
            let (next, overflow) = sum.addingReportingOverflow(value)
            if overflow {
                // Weights this large are scaled down (only their ratios matter).
                return largestRemainder(total, weights: w.map { $0 / 1024 })
            }
            sum = next
        }
        if sum == 0 {
            w = weights.map { _ in 1 }
            sum = Int64(w.count)
        }
        var parts: [Int64] = []
        var remainders: [UInt64] = []
        for value in w {
            let product = total.multipliedFullWidth(by: value)
            let (quotient, remainder) = sum.dividingFullWidth(product)
            parts.append(quotient)
            remainders.append(UInt64(remainder))
        }
        var left = total - parts.reduce(0, +)
        let order = parts.indices.sorted {
            remainders[$0] != remainders[$1] ? remainders[$0] > remainders[$1] : $0 < $1
        }
        for index in order where left > 0 {
            parts[index] += 1
            left -= 1
        }
        return parts
    }

    /// A table whose rows sum to `rowTotals` and whose columns sum to `columnTotals` exactly, each row
    /// following the profile `columnWeights`: cell (r, c) starts at ⌊rowTotal × w_c ÷ W⌋, and the cents each
    /// row and column still lack are added one at a time to the cells with the largest remainders, then (if any
    /// are left) to the first cells whose row and column both lack some.
    /// - Precondition: the row totals and the column totals have the same sum, and `columnTotals` came from
    ///   ``largestRemainder(_:weights:)`` of that sum with the same `columnWeights` (so no column gets more than
    ///   it needs).
    public static func table(rowTotals: [Int64], columnTotals: [Int64], columnWeights: [Int64]) -> [[Int64]] {
        let columns = columnTotals.count
        var w = columnWeights.map { max($0, 0) }
        if w.reduce(0, +) == 0 { w = w.map { _ in 1 } }
        var sum: Int64 = 0
        var scaled = false
        for value in w {
            let (next, overflow) = sum.addingReportingOverflow(value)
            if overflow { scaled = true }
            sum = next
        }
        if scaled {
            w = w.map { $0 / 1024 }
            sum = w.reduce(0, +)
        }
        var cells: [[Int64]] = []
        var remainders: [(row: Int, column: Int, remainder: UInt64)] = []
        var rowNeed: [Int64] = []
        var columnNeed = columnTotals
        for (r, total) in rowTotals.enumerated() {
            var row: [Int64] = []
            for c in 0..<columns {
                let (quotient, remainder) = sum.dividingFullWidth(total.multipliedFullWidth(by: w[c]))
                row.append(quotient)
                columnNeed[c] -= quotient
                remainders.append((r, c, UInt64(remainder)))
            }
            rowNeed.append(total - row.reduce(0, +))
            cells.append(row)
        }
        remainders.sort { a, b in
            a.remainder != b.remainder ? a.remainder > b.remainder : (a.row, a.column) < (b.row, b.column)
        }
        for cell in remainders where rowNeed[cell.row] > 0 && columnNeed[cell.column] > 0 {
            cells[cell.row][cell.column] += 1
            rowNeed[cell.row] -= 1
            columnNeed[cell.column] -= 1
        }
        for r in cells.indices {
            for c in 0..<columns where rowNeed[r] > 0 && columnNeed[c] > 0 {
                let step = min(rowNeed[r], columnNeed[c])
                cells[r][c] += step
                rowNeed[r] -= step
                columnNeed[c] -= step
            }
        }
        return cells
    }
}
