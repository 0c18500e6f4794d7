import Foundation

/// One customer's order history as the scores read it, built by ``OrderLineScan``.
struct CustomerLines {
    var id: Int64
    /// The purchase days (days with a completed line), in the order of their dates' text, and the amount of
    /// the completed lines of each.
    var days: [Int]
    var amounts: [Int64]
    /// Distinct order numbers with a completed line dated in the window.
    var orders: Int
    /// Revenue (``OrderLineRules``) of the completed and returned lines dated in the window.
    var amount: Int64
}

/// Turns the store's completed and returned order lines, read once and grouped by customer, into each
/// customer's ``CustomerLines``, with no `String` per line.
///
/// It computes what `GROUP BY customer_id, order_date` with SQL's sums and a second
/// `count(DISTINCT order_no)` query would: lines are grouped by their date's exact text (sorted as SQLite's
/// BINARY collation sorts it), a group is a purchase day when it has a completed line, its day is the date
/// parsed (the as-of day when the text is no date), revenue counts when that day is in the window, and
/// orders are the distinct order numbers (byte for byte) of completed lines whose date text is from the
/// window's start on. Sums that would overflow `Int64`, which SQLite's `sum` refuses, are refused too.
struct OrderLineScan {
    let asOfDay: Int
    let startDay: Int
    /// The window's first date, `YYYY-MM-DD`, compared with dates' text as `BETWEEN` compares it.
    let windowStart: [UInt8]
    private let windowKey: DateKey

    /// A date's text as integers: its first 16 bytes, big-endian, zero-padded, and its length. Keys whose
    /// bytes differ order as the texts do; texts of at most 16 bytes (a stored date has 10) are then ordered
    /// by length, and longer ones by their bytes. Most comparisons of a scan thus read no text.
    private struct DateKey {
        var high: UInt64
        var low: UInt64
        var count: Int32

        init(_ bytes: UnsafeRawBufferPointer) {
            (high, low, count) = (Self.word(bytes, from: 0), Self.word(bytes, from: 8), Int32(clamping: bytes.count))
        }

        /// Bytes `start..<start + 8`, big-endian, those past the end taken as zero.
        private static func word(_ bytes: UnsafeRawBufferPointer, from start: Int) -> UInt64 {
            if bytes.count >= start + 8 {
                return UInt64(bigEndian: bytes.loadUnaligned(fromByteOffset: start, as: UInt64.self))
            }
            var word: UInt64 = 0
            for i in start..<start + 8 { word = word << 8 | UInt64(i < bytes.count ? bytes[i] : 0) }
            return word
        }

        /// The texts' order when the keys decide it (`nil` when only the bytes can).
        static func order(_ x: DateKey, _ y: DateKey) -> Int? {
            if x.high != y.high { return x.high < y.high ? -1 : 1 }
            if x.low != y.low { return x.low < y.low ? -1 : 1 }
            return x.count <= 16 && y.count <= 16 ? Int(x.count) - Int(y.count) : nil
        }
    }

    /// One line of the current customer; its date and order number are bytes in `text`.
    private struct Line {
        var date: DateKey
        var dateStart: Int32
        var isCompleted: Bool
        var amount: Int64
    }

    /// An order number of a completed line in the window: its hash and its bytes in `text`.
    private struct OrderKey {
        var hash: UInt64
        var start: Int32
        var count: Int32
    }

    private var customer: Int64?
    private var lines: [Line] = []
    private var orderKeys: [OrderKey] = []
    private var text: [UInt8] = []

    init(asOfDay: Int, startDay: Int, windowStart: String) {
        self.asOfDay = asOfDay
        self.startDay = startDay
        self.windowStart = Array(windowStart.utf8)
        self.windowKey = self.windowStart.withUnsafeBytes { DateKey($0) }
    }

    /// Adds one line of `customer`; lines must arrive grouped by customer. Returns the previous customer's
    /// history when this line starts a new customer (and that customer has a purchase day).
    mutating func add(
        customer id: Int64, date: UnsafeRawBufferPointer?, isCompleted: Bool, amount: Int64,
        orderNo: UnsafeRawBufferPointer?
    ) throws -> CustomerLines? {
        var done: CustomerLines?
        if customer != id {
            done = try finish()
            customer = id
        }
        let dateBytes = date ?? UnsafeRawBufferPointer(start: nil, count: 0)
        let key = DateKey(dateBytes)
        let dateStart = append(dateBytes)
        lines.append(Line(date: key, dateStart: dateStart, isCompleted: isCompleted, amount: amount))
        if isCompleted, let orderNo, (DateKey.order(key, windowKey) ?? Self.compare(dateBytes, windowStart)) >= 0 {
            let start = append(orderNo)
            orderKeys.append(OrderKey(hash: Self.hash(orderNo), start: start, count: Int32(orderNo.count)))
        }
        return done
    }

    /// The current customer's history, if they have a purchase day; clears the customer.
    mutating func finish() throws -> CustomerLines? {
        guard let id = customer else { return nil }
        customer = nil
        // The scratch arrays move out while they are worked on, and back (emptied, capacity kept) after.
        var lines: [Line] = []
        var orderKeys: [OrderKey] = []
        var text: [UInt8] = []
        swap(&lines, &self.lines)
        swap(&orderKeys, &self.orderKeys)
        swap(&text, &self.text)
        defer {
            lines.removeAll(keepingCapacity: true)
            orderKeys.removeAll(keepingCapacity: true)
            text.removeAll(keepingCapacity: true)
            swap(&lines, &self.lines)
            swap(&orderKeys, &self.orderKeys)
            swap(&text, &self.text)
        }
        let (asOfDay, startDay) = (self.asOfDay, self.startDay)
        return try text.withUnsafeBytes { text -> CustomerLines? in
            func bytes(_ start: Int32, _ count: Int32) -> UnsafeRawBufferPointer {
                UnsafeRawBufferPointer(rebasing: text[Int(start)..<Int(start) + Int(count)])
            }
            func order(_ x: Line, _ y: Line) -> Int {
                DateKey.order(x.date, y.date)
                    ?? Self.compare(bytes(x.dateStart, x.date.count), bytes(y.dateStart, y.date.count))
            }
            lines.sort { order($0, $1) < 0 }
            var result = CustomerLines(id: id, days: [], amounts: [], orders: 0, amount: 0)
            var i = 0
            while i < lines.count {
                let date = bytes(lines[i].dateStart, lines[i].date.count)
                var purchases = 0
                var bought: Int64 = 0
                var revenue: Int64 = 0
                var j = i
                while j < lines.count, order(lines[j], lines[i]) == 0 {
                    let line = lines[j]
                    if line.isCompleted {
                        purchases += 1
                        bought = try Self.add(bought, line.amount, customer: id)
                    }
                    revenue = try Self.add(
                        revenue, OrderLineRules.revenue(isReturned: !line.isCompleted, amountCents: line.amount),
                        customer: id)
                    j += 1
                }
                let day = CivilDate.daysSinceUnixEpoch(stored: date) ?? asOfDay
                if purchases > 0 {
                    result.days.append(day)
                    result.amounts.append(bought)
                }
                if day >= startDay { result.amount = try Self.add(result.amount, revenue, customer: id) }
                i = j
            }
            guard !result.days.isEmpty else { return nil }
            result.orders = Self.distinctOrders(&orderKeys) { bytes($0.start, $0.count) }
            return result
        }
    }

    /// The number of distinct order numbers among `keys` (reordered).
    private static func distinctOrders(
        _ keys: inout [OrderKey], bytes: (OrderKey) -> UnsafeRawBufferPointer
    ) -> Int {
        guard keys.count > 1 else { return keys.count }
        keys.sort { $0.hash < $1.hash }
        var distinct = 0
        var runStart = 0
        for i in keys.indices {
            if keys[i].hash != keys[runStart].hash { runStart = i }
            // New unless an earlier key of the same hash has the same bytes.
            let own = bytes(keys[i])
            if !(runStart..<i).contains(where: { compare(bytes(keys[$0]), own) == 0 }) { distinct += 1 }
        }
        return distinct
    }

    private mutating func append(_ bytes: UnsafeRawBufferPointer) -> Int32 {
        let start = Int32(clamping: text.count)
        text.append(contentsOf: bytes)
        return start
    }

    private static func add(_ x: Int64, _ y: Int64, customer: Int64) throws -> Int64 {
        let (sum, overflow) = x.addingReportingOverflow(y)
        guard !overflow else {
            throw ScoreError("customer #\(customer): the amounts of their order lines add up beyond what 64 bits hold")
        }
        return sum
    }

    /// Byte order then length, as SQLite's BINARY collation compares text.
    static func compare(_ x: UnsafeRawBufferPointer, _ y: UnsafeRawBufferPointer) -> Int {
        let n = min(x.count, y.count)
        if n > 0, let a = x.baseAddress, let b = y.baseAddress {
            let c = memcmp(a, b, n)
            if c != 0 { return Int(c) }
        }
        return x.count - y.count
    }

    static func compare(_ x: UnsafeRawBufferPointer, _ y: [UInt8]) -> Int {
        y.withUnsafeBytes { compare(x, $0) }
    }

    /// FNV-1a.
    private static func hash(_ bytes: UnsafeRawBufferPointer) -> UInt64 {
        var h: UInt64 = 0xcbf2_9ce4_8422_2325
        for b in bytes { h = (h ^ UInt64(b)) &* 0x100_0000_01b3 }
        return h
    }

    /// Lines handed from the thread that reads them to the one that groups them (``Grouping``), their
    /// dates and order numbers one after another in `bytes`.
    final class Lines: PipeBatch {
        private(set) var customers: [Int64] = []
        private(set) var completed: [Bool] = []
        private(set) var amounts: [Int64] = []
        /// Where each line's date and order number end in `bytes`; a negative end is a `NULL` order number.
        private(set) var dateEnds: [Int] = []
        private(set) var orderEnds: [Int] = []
        private(set) var bytes: [UInt8] = []

        init() {}

        var count: Int { customers.count }

        func append(
            customer: Int64, date: UnsafeRawBufferPointer?, isCompleted: Bool, amount: Int64,
            orderNo: UnsafeRawBufferPointer?
        ) {
            customers.append(customer)
            completed.append(isCompleted)
            amounts.append(amount)
            if let date { bytes.append(contentsOf: date) }
            dateEnds.append(bytes.count)
            if let orderNo { bytes.append(contentsOf: orderNo) }
            orderEnds.append(orderNo == nil ? -1 : bytes.count)
        }

        func reset() {
            customers.removeAll(keepingCapacity: true)
            completed.removeAll(keepingCapacity: true)
            amounts.removeAll(keepingCapacity: true)
            dateEnds.removeAll(keepingCapacity: true)
            orderEnds.removeAll(keepingCapacity: true)
            bytes.removeAll(keepingCapacity: true)
        }
    }

    /// A scan fed batches of ``Lines`` on the thread that groups them, and the histories it made. Its
    /// owner reads ``built`` once the pipe that fed it has finished.
    final class Grouping: @unchecked Sendable {
        private var scan: OrderLineScan
        private(set) var built: [CustomerLines] = []

        init(_ scan: OrderLineScan) { self.scan = scan }

        func add(_ lines: Lines) throws {
            try lines.bytes.withUnsafeBytes { bytes in
                var start = 0
                for i in 0..<lines.count {
                    let dateEnd = lines.dateEnds[i]
                    let orderEnd = lines.orderEnds[i]
                    let date = UnsafeRawBufferPointer(rebasing: bytes[start..<dateEnd])
                    let orderNo = orderEnd < 0 ? nil : UnsafeRawBufferPointer(rebasing: bytes[dateEnd..<orderEnd])
                    if let done = try scan.add(
                        customer: lines.customers[i], date: date, isCompleted: lines.completed[i],
                        amount: lines.amounts[i], orderNo: orderNo)
                    {
                        built.append(done)
                    }
                    start = orderEnd < 0 ? dateEnd : orderEnd
                }
            }
        }

        /// The last customer's history.
        func finish() throws {
            if let last = try scan.finish() { built.append(last) }
        }
    }
}
