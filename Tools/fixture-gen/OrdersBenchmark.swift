import XLSX

/// The benchmark workbook: one sheet 订单明细 of N order lines in eleven columns, as a department keeps it.
///
/// Sized like the real thing: one customer name per twenty lines (50,000 at a million lines) and
/// almost every line its own order number, so the shared-string table holds about 1.05 million
/// distinct strings at a million lines. Speed matters more here than in the demo: every string a
/// row can repeat (names, labels, money amounts per product and quantity) is built once up front,
/// and the only per-row string work is the order number.
enum OrdersBenchmark {
    static let sheetName = "订单明细"
    /// Rows left for data under Excel's 1,048,576 once the header takes one.
    static let maxLines = 1_048_575

    struct Summary {
        var lines: Int
        var orders: Int
        var customers: Int
    }

    private struct Item {
        var name: String
        var line: String
        var unitPrice: String
        /// Quantity range, and the amount text for each quantity in it.
        var quantities: ClosedRange<Int>
        var amounts: [String]
    }

    static func write(lines: Int, to path: String, seed: UInt64) throws -> Summary {
        precondition((1...maxLines).contains(lines), "lines must be 1…\(maxLines)")
        var rng = Rng(seed: seed, stream: "benchmark")

        // Regions and reps.
        let regionNames = Names.regions.map(\.name.hans)
        let regionWeights = [0.30, 0.22, 0.17, 0.11, 0.09, 0.05, 0.06]
        var namer = Department.PersonNamer()
        var reps: [(name: String, region: Int)] = []
        for (region, weight) in regionWeights.enumerated() {
            for _ in 0..<max(2, Int(weight * 60)) {
                reps.append((namer.next(&rng).0.hans, region))
            }
        }
        let repsByRegion = regionNames.indices.map { r in reps.indices.filter { reps[$0].region == r } }

        // Customers: distinct names, each with a region, a rep and a size.
        let customerCount = max(10, lines / 20)
        var customerNames: [String] = []
        var customerRegion: [Int] = []
        var customerRep: [Int] = []
        var customerWeight: [Double] = []
        customerNames.reserveCapacity(customerCount)
        var used = Set<String>(minimumCapacity: customerCount)
        let regionTable = WeightedTable(regionWeights)
        let industryTable = WeightedTable(Names.industries.map(\.weight))
        let legalTable = WeightedTable(Names.legalForms.map(\.1))
        let sizes: [(Double, Double)] = [(0.2, 25), (0.5, 25), (1, 20), (2, 15), (4, 9), (8, 5), (16, 1)]
        let sizeTable = WeightedTable(sizes.map(\.1))
        while customerNames.count < customerCount {
            let region = regionTable.draw(&rng)
            let cities = Names.regions[region].cities
            let city = cities[min(rng.below(cities.count), rng.below(cities.count))].hans
            let first = rng.pick(Names.tradeFirst).hans
            let second = rng.pick(Names.tradeSecond).hans
            guard first != second else { continue }
            let industry = Names.industries[industryTable.draw(&rng)]
            let name =
                city + first + second + rng.pick(industry.businesses).hans
                + Names.legalForms[legalTable.draw(&rng)].0.hans
            guard used.insert(name).inserted else { continue }
            customerNames.append(name)
            customerRegion.append(region)
            customerRep.append(rng.pick(repsByRegion[region]))
            customerWeight.append(rng.jitter(sizes[sizeTable.draw(&rng)].0, 0.3))
        }
        let customerTable = WeightedTable(customerWeight)

        // Products, with every amount text a line can have.
        let catalog = Department.catalog(seed: seed, modelsPerItem: 5...6)
        let items: [Item] = catalog.map { product in
            let info = Names.productLines[product.line]
            let range = info.quantityRanges[product.tier.rawValue]
            let unit = Money.yuan(product.listYuan)
            return Item(
                name: product.name.hans, line: info.name.hans, unitPrice: Money.text(unit), quantities: range,
                amounts: range.map { Money.text(unit * $0) })
        }
        let itemTable = WeightedTable(catalog.map(\.popularity))

        // Days: seasonal weights, and each date cell built once.
        let days = (Department.start...Department.end).map { $0 }
        let dates = days.map { ExcelDateTime(year: $0.year, month: $0.month, day: $0.dayOfMonth) }
        var cumulative: [Double] = []
        var running = 0.0
        for day in days {
            running += Department.dayWeight(day)
            cumulative.append(running)
        }

        let channels = Channel.allCases.map(\.label.hans)
        let channelTables = [WeightedTable([34, 28, 12, 17, 9]), WeightedTable([24, 25, 10, 26, 15])]
        let regionCells = regionNames.map { Cell.text($0) }
        let repCells = reps.map { Cell.text($0.name) }
        let channelCells = channels.map { Cell.text($0) }

        let writer = try XLSXWriter(path: path, options: .init(sharedStrings: true))
        try writer.beginSheet(
            name: sheetName, columnWidths: [15, 12, 34, 8, 10, 28, 7, 12, 13, 10, 8],
            freezeHeaderRow: true)
        try writer.writeRow(
            ["订单号", "订单日期", "客户", "区域", "产品线", "产品", "数量", "单价", "金额", "销售代表", "渠道"]
                .map { .text($0) }, bold: true)

        // Order numbers: SO + year + a sequence per year, wide enough for the year's orders.
        let digits = max(6, String(lines).count)
        var row = [Cell](repeating: .empty, count: 11)
        var written = 0
        var orders = 0
        var dayIndex = 0
        var year = 2024
        var sequence = 0
        let scale = cumulative[cumulative.count - 1] / Double(lines)
        while written < lines {
            // The day of this order: where this line falls in the year's cumulative volume.
            let position = Double(written) * scale
            while dayIndex < days.count - 1, cumulative[dayIndex] <= position { dayIndex += 1 }
            let dayYear = 2024 + (dayIndex >= 366 ? 1 : 0)
            if dayYear != year {
                year = dayYear
                sequence = 0
            }
            sequence += 1
            orders += 1
            let orderNo = orderNumber(year: year, sequence: sequence, digits: digits)
            let customer = customerTable.draw(&rng)
            let channel = channelTables[year - 2024].draw(&rng)
            let lineCount = min(rng.chance(0.002) ? 2 : 1, lines - written)
            var previous = -1
            for _ in 0..<lineCount {
                var product = itemTable.draw(&rng)
                if product == previous { product = (product + 1) % items.count }
                previous = product
                let item = items[product]
                let quantity = rng.int(in: item.quantities)
                row[0] = .text(orderNo)
                row[1] = .date(dates[dayIndex], .date)
                row[2] = .text(customerNames[customer])
                row[3] = regionCells[customerRegion[customer]]
                row[4] = .text(item.line)
                row[5] = .text(item.name)
                row[6] = .number(Double(quantity), .integer)
                row[7] = .decimal(item.unitPrice, .decimal2)
                row[8] = .decimal(item.amounts[quantity - item.quantities.lowerBound], .decimal2)
                row[9] = repCells[customerRep[customer]]
                row[10] = channelCells[channel]
                try writer.writeRow(row)
                written += 1
            }
        }
        try writer.close()
        return Summary(lines: written, orders: orders, customers: customerCount)
    }

    /// `SO2024000123`, built in one allocation.
    static func orderNumber(year: Int, sequence: Int, digits: Int) -> String {
        String(unsafeUninitializedCapacity: 6 + digits) { buffer in
            buffer[0] = UInt8(ascii: "S")
            buffer[1] = UInt8(ascii: "O")
            var y = year
            for i in stride(from: 5, through: 2, by: -1) {
                buffer[i] = UInt8(ascii: "0") + UInt8(y % 10)
                y /= 10
            }
            var n = sequence
            for i in stride(from: 5 + digits, through: 6, by: -1) {
                buffer[i] = UInt8(ascii: "0") + UInt8(n % 10)
                n /= 10
            }
            return 6 + digits
        }
    }
}
