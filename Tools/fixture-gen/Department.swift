/// A generated sales department: its regions, people, customers, products and two years of orders.
///
/// The model is built once from a seed and then written as whatever workbook is asked for (the
/// demo in Simplified Chinese, the small samples in Traditional Chinese or English). Everything is
/// held in arrays and drawn in a fixed order, so the same seed gives the same department.

/// How big a department to generate.
struct DepartmentShape {
    /// Customers, including those acquired during the two years.
    var customers: Int
    /// Order lines to aim for (the result lands within a few percent).
    var orderLines: Int
    /// Teams in each region, in `Names.regions` order.
    var teamsPerRegion: [Int]
    /// Reps in each team.
    var repsPerTeam: ClosedRange<Int>
    /// Models of each catalogue item.
    var modelsPerItem: ClosedRange<Int>
    /// Reps who leave during the two years, and reps who join.
    var leavers: [Day]
    var joiners: [Day]

    /// ~60 people, ~2,000 customers, ~200 products, ~47,000 order lines (about 3 MB as a workbook).
    static let demo = DepartmentShape(
        customers: 2_000, orderLines: 47_000, teamsPerRegion: [3, 2, 2, 1, 1, 1, 1], repsPerTeam: 3...4,
        modelsPerItem: 5...6, leavers: [Day(2024, 9, 30), Day(2025, 5, 31), Day(2025, 10, 15)],
        joiners: [Day(2024, 7, 1), Day(2025, 3, 3), Day(2025, 4, 14), Day(2025, 8, 4)])

    /// A few dozen customers and a few hundred order lines, for the small sample workbooks.
    static let sample = DepartmentShape(
        customers: 80, orderLines: 320, teamsPerRegion: [1, 1, 1, 1, 0, 0, 0], repsPerTeam: 2...2,
        modelsPerItem: 1...1, leavers: [], joiners: [Day(2025, 3, 3)])
}

struct Department {
    // MARK: - Model

    struct Region {
        let info: Names.RegionInfo
        /// Share of the 2024 business.
        let weight: Double
        /// 2025 business relative to 2024.
        let growth: Double
        /// How far the region's actual sales run ahead of its targets (1.12 = 112%).
        let completion: Double
        var name: Text3 { info.name }
    }

    enum Post {
        case director, marketingHead, financeManager, accountant, admin, analyst, regionalManager, teamLead, rep
    }

    struct Person {
        var name: Text3
        var login: String
        var post: Post
        var team: Text3?
        var region: Int?
        var reportsTo: Int?
        var approvalLimitYuan: Int?
        var hiredOn: Day
        var leftOn: Day?
        /// Who takes over a leaver's customers.
        var successor: Int?
        /// Sales ability of a rep: scales how much their customers buy.
        var skill = 1.0
        /// Target completion per quarter, 2024Q1 … 2025Q4 (reps only).
        var quarterCompletion: [Double] = []

        var role: Role {
            switch post {
            case .director, .marketingHead, .regionalManager, .teamLead: .manager
            case .financeManager, .accountant: .finance
            case .admin: .admin
            case .analyst: .analyst
            case .rep: .rep
            }
        }

        var isRep: Bool { post == .rep }

        func isEmployed(on day: Day) -> Bool {
            hiredOn <= day && (leftOn.map { day <= $0 } ?? true)
        }
    }

    enum Payer { case prompt, slow, bad }

    struct Customer {
        var code = ""
        var name: Text3
        /// City and trade name, as colleagues say it (苏州恒信).
        var shortName: Text3
        var industry: Int
        var region: Int
        var channel: Channel
        /// The rep who owned the customer when it became active.
        var owner: Int
        /// First order before the data starts, for customers the department already had.
        var historicalFirstOrder: Day?
        /// First day the customer orders in the data.
        var activeFrom: Day
        /// Last day it orders, for customers who drift away.
        var churnOn: Day?
        /// How much it buys, relative to an average customer.
        var size: Double
        var paymentTermsDays: Int
        var payer: Payer
        var preferredLines: [Int]
        /// First order that was not cancelled, from the generated orders.
        var firstOrder: Day?

        func isActive(on day: Day) -> Bool {
            activeFrom <= day && (churnOn.map { day <= $0 } ?? true)
        }
    }

    struct Product {
        var sku: String
        var name: Text3
        var line: Int
        var tier: Tier
        var listYuan: Int
        var unitCostCents: Int
        var popularity: Double
    }

    struct OrderLine {
        var orderNo: String
        var date: Day
        var customer: Int
        var rep: Int
        var product: Int
        var quantity: Int
        var unitPriceCents: Int
        var discountCents: Int
        var amountCents: Int
        var channel: Channel
        var status: OrderStatus
    }

    /// The first and last day of the data.
    static let start = Day(2024, 1, 1)
    static let end = Day(2025, 12, 31)
    static let years = [2024, 2025]

    let shape: DepartmentShape
    let seed: UInt64
    private(set) var regions: [Region] = []
    private(set) var people: [Person] = []
    private(set) var customers: [Customer] = []
    private(set) var products: [Product] = []
    private(set) var lines: [OrderLine] = []
    /// Team names with their region and lead, in creation order.
    private(set) var teams: [(name: Text3, region: Int, lead: Int)] = []

    // MARK: - Building

    init(shape: DepartmentShape, seed: UInt64) {
        self.shape = shape
        self.seed = seed
        makeRegions()
        makePeople()
        makeProducts()
        makeCustomers()
        makeOrders()
    }

    private mutating func makeRegions() {
        // (share of 2024 business, 2025 growth, completion against target)
        let parameters: [(Double, Double, Double)] = [
            (0.30, 1.16, 1.12), (0.22, 1.24, 1.21), (0.17, 1.06, 0.98), (0.11, 1.14, 1.05),
            (0.09, 1.10, 0.93), (0.05, 0.95, 0.78), (0.06, 0.98, 0.86),
        ]
        regions = zip(Names.regions, parameters).map { info, p in
            Region(info: info, weight: p.0, growth: p.1, completion: p.2)
        }
    }

    // MARK: People

    private mutating func makePeople() {
        var rng = Rng(seed: seed, stream: "people")
        var names = PersonNamer()
        @discardableResult
        func add(
            _ post: Post, hired: Day, team: Text3? = nil, region: Int? = nil, reportsTo: Int? = nil,
            limit: Int? = nil, rng: inout Rng
        ) -> Int {
            let (name, login) = names.next(&rng)
            people.append(
                Person(
                    name: name, login: login, post: post, team: team, region: region,
                    reportsTo: reportsTo, approvalLimitYuan: limit, hiredOn: hired))
            return people.count - 1
        }
        func hireDate(_ years: ClosedRange<Int>, _ rng: inout Rng) -> Day {
            let first = Day(years.lowerBound, 1, 1).ordinal
            let last = Day(years.upperBound, 12, 31).ordinal
            var day = Day(ordinal: first + rng.below(last - first + 1))
            while day.isWeekend { day = day.advanced(by: 1) }
            return day
        }

        let office = Text3("销售管理部", "銷售管理部", "Sales Management")
        let operations = Text3("销售运营部", "銷售營運部", "Sales Operations")
        let director = add(.director, hired: hireDate(2013...2015, &rng), team: office, limit: 200_000, rng: &rng)
        add(
            .marketingHead, hired: hireDate(2016...2019, &rng), team: Text3("市场部", "市場部", "Marketing"),
            reportsTo: director, limit: 100_000, rng: &rng)
        let finance = Text3("财务部", "財務部", "Finance")
        let financeManager = add(
            .financeManager, hired: hireDate(2014...2017, &rng), team: finance,
            limit: 1_000_000, rng: &rng)
        for _ in 0..<2 {
            add(.accountant, hired: hireDate(2017...2022, &rng), team: finance, reportsTo: financeManager, rng: &rng)
        }
        add(.admin, hired: hireDate(2018...2021, &rng), team: operations, reportsTo: director, rng: &rng)
        add(.analyst, hired: hireDate(2019...2023, &rng), team: operations, reportsTo: director, rng: &rng)

        for (regionIndex, region) in regions.enumerated() {
            let teamCount = shape.teamsPerRegion[regionIndex]
            guard teamCount > 0 else { continue }
            let regionTeam = region.name.joined(Text3("大区", "大區", "Region"))
            let manager = add(
                .regionalManager, hired: hireDate(2014...2019, &rng), team: regionTeam,
                region: regionIndex, reportsTo: director, limit: 30_000, rng: &rng)
            for t in 0..<teamCount {
                let numeral = Names.teamNumerals[t]
                let teamName = Text3(
                    region.name.hans + numeral.hans + "组", region.name.hant + numeral.hant + "組",
                    region.name.en + " Team " + numeral.en)
                let lead = add(
                    .teamLead, hired: hireDate(2015...2020, &rng), team: teamName, region: regionIndex,
                    reportsTo: manager, limit: 5_000, rng: &rng)
                teams.append((teamName, regionIndex, lead))
                for _ in 0..<rng.int(in: shape.repsPerTeam) {
                    let rep = add(
                        .rep, hired: hireDate(2016...2023, &rng), team: teamName, region: regionIndex,
                        reportsTo: lead, rng: &rng)
                    people[rep].skill = rng.jitter(1.0, 0.3)
                }
            }
        }

        // Joiners (hired during the two years) and leavers, whose customers pass to a teammate who stays.
        let reps = people.indices.filter { people[$0].isRep }
        var candidates = rng.shuffled(reps)
        for day in shape.joiners {
            guard let rep = candidates.popLast() else { break }
            people[rep].hiredOn = day
            people[rep].skill = rng.jitter(0.8, 0.15)  // new reps sell less at first
        }
        for day in shape.leavers {
            guard
                let index = candidates.lastIndex(where: { leaver in
                    reps.contains { other in
                        other != leaver && people[other].team?.hans == people[leaver].team?.hans
                            && people[other].leftOn == nil && people[other].hiredOn < day
                    }
                })
            else { continue }
            let rep = candidates.remove(at: index)
            people[rep].leftOn = day
            people[rep].successor = reps.first { other in
                other != rep && people[other].team?.hans == people[rep].team?.hans && people[other].leftOn == nil
                    && people[other].hiredOn < day
            }
        }

        // Target completion: a few stars, most near plan, some behind, and two reps under 80% for
        // two quarters running in 2025 (the improvement-plan candidates).
        var behind = 0
        for rep in rng.shuffled(reps) {
            let base: Double
            switch rng.unit() {
            case ..<0.15: base = 1.15 + 0.20 * rng.unit()
            case ..<0.80: base = 0.92 + 0.20 * rng.unit()
            default: base = 0.82 + 0.10 * rng.unit()
            }
            var quarters = (0..<8).map { _ in rng.jitter(base, 0.08) }
            if behind < 2, people[rep].leftOn == nil, people[rep].hiredOn < Day(2024, 1, 1) {
                quarters[5] = 0.68 + 0.10 * rng.unit()
                quarters[6] = 0.66 + 0.10 * rng.unit()
                behind += 1
            }
            people[rep].quarterCompletion = quarters
        }
    }

    /// Draws unique names and matching logins (`zhang.wei`, then `zhang.wei2` for a second Zhang Wei).
    struct PersonNamer {
        private var usedNames: Set<String> = []
        private var usedLogins: Set<String> = []

        mutating func next(_ rng: inout Rng) -> (Text3, String) {
            while true {
                let surname = rng.pick(Names.surnames)
                let given = rng.pick(Names.givenNames)
                let hans = surname.hans + given.hans
                guard !usedNames.contains(hans) else { continue }
                usedNames.insert(hans)
                let base = surname.en.lowercased() + "." + given.en
                var login = base
                var suffix = 2
                while usedLogins.contains(login) {
                    login = base + String(suffix)
                    suffix += 1
                }
                usedLogins.insert(login)
                let en = surname.en + " " + given.en.prefix(1).uppercased() + given.en.dropFirst()
                return (Text3(hans, surname.hant + given.hant, en), login)
            }
        }
    }

    /// The rep responsible for a customer on a day: its owner, or whoever took over from a leaver.
    func owner(of customer: Int, on day: Day) -> Int {
        var rep = customers[customer].owner
        var hops = 0
        while let left = people[rep].leftOn, day > left, let next = people[rep].successor, hops < 8 {
            rep = next
            hops += 1
        }
        return rep
    }

    /// Reps of a region employed on a day.
    func reps(in region: Int, on day: Day) -> [Int] {
        people.indices.filter { people[$0].isRep && people[$0].region == region && people[$0].isEmployed(on: day) }
    }

    // MARK: Products

    private mutating func makeProducts() {
        products = Self.catalog(seed: seed, modelsPerItem: shape.modelsPerItem)
    }

    /// The product catalogue: a few models of each item of each line, with list prices and costs.
    static func catalog(seed: UInt64, modelsPerItem: ClosedRange<Int>) -> [Product] {
        var rng = Rng(seed: seed, stream: "products")
        var products: [Product] = []
        var usedNames: Set<String> = []
        for (lineIndex, line) in Names.productLines.enumerated() {
            var serial = 1001
            let isSoftware = line.skuPrefix == "RJ"
            for item in line.items {
                let models = rng.int(in: modelsPerItem)
                for _ in 0..<models {
                    var tier = Tier(rawValue: rng.weightedIndex(line.tierMix))!
                    var name: Text3
                    var attempts = 0
                    repeat {
                        if isSoftware {
                            let version = Text3(" V\(rng.int(in: 3...6))")
                            name = item.name.joined(Text3(" ")).joined(
                                Names.editions[tier.rawValue], englishSeparator: ""
                            )
                            .joined(version, englishSeparator: "")
                        } else {
                            let number: Int
                            switch tier {
                            case .high: number = rng.int(in: 8...12)
                            case .mid: number = rng.int(in: 5...7)
                            case .low: number = rng.int(in: 2...4)
                            }
                            let suffix = rng.pick(Names.modelSuffixes[tier.rawValue])
                            let model = item.model + String(number) + (suffix.isEmpty ? "" : " " + suffix)
                            name = item.name.joined(Text3(" " + model), englishSeparator: "")
                        }
                        attempts += 1
                        if attempts % 10 == 0 { tier = Tier(rawValue: rng.weightedIndex(line.tierMix))! }
                    } while usedNames.contains(name.hans)
                    usedNames.insert(name.hans)

                    let list = Self.nicePrice(rng.int(in: line.priceRanges[tier.rawValue]))
                    let costPercent: Int
                    switch tier {
                    case .high: costPercent = rng.int(in: 42...55)
                    case .mid: costPercent = rng.int(in: 55...68)
                    case .low: costPercent = rng.int(in: 62...78)
                    }
                    products.append(
                        Product(
                            sku: line.skuPrefix + "-" + String(serial), name: name, line: lineIndex, tier: tier,
                            listYuan: list, unitCostCents: list * costPercent,
                            popularity: rng.jitter(tier == .low ? 1.4 : 1.0, 0.6)))
                    serial += 1
                }
            }
        }
        return products
    }

    /// A price as a shop would set it: 2,899 rather than 2,873.
    static func nicePrice(_ yuan: Int) -> Int {
        switch yuan {
        case ..<100: yuan
        case ..<1_000: yuan / 10 * 10 + 9
        case ..<10_000: yuan / 100 * 100 + 99
        default: yuan / 1_000 * 1_000
        }
    }

    // MARK: Customers

    private mutating func makeCustomers() {
        var rng = Rng(seed: seed, stream: "customers")
        var usedNames: Set<String> = []
        var usedEnglish: Set<String> = []
        let industryTable = WeightedTable(Names.industries.map(\.weight))
        let legalTable = WeightedTable(Names.legalForms.map(\.1))
        let sizeTable: [(Double, Double)] = [(0.2, 25), (0.5, 25), (1, 20), (2, 15), (4, 9), (8, 5), (16, 1)]
        let activeRegions = regions.indices.filter { shape.teamsPerRegion[$0] > 0 }

        for _ in 0..<shape.customers {
            // When the department won the customer: before 2024, in 2024, or in 2025.
            let cohort = rng.weightedIndex([58, 24, 18])
            let region = activeRegions[
                rng.weightedIndex(
                    activeRegions.map {
                        regions[$0].weight * (cohort == 2 ? regions[$0].growth * regions[$0].growth : 1)
                    })]
            let activeFrom: Day
            var historical: Day?
            switch cohort {
            case 0:
                activeFrom = Self.start
                historical = Day(
                    ordinal: Day(2012, 1, 1).ordinal
                        + rng.below(
                            Day(2023, 12, 31).ordinal
                                - Day(2012, 1, 1).ordinal))
            case 1: activeFrom = Self.workday(Day(ordinal: Day(2024, 1, 8).ordinal + rng.below(350)))
            default: activeFrom = Self.workday(Day(ordinal: Day(2025, 1, 6).ordinal + rng.below(340)))
            }
            var churn: Day?
            if cohort == 0, rng.chance(0.16) {
                churn = Day(ordinal: Day(2024, 3, 1).ordinal + rng.below(560))
            } else if cohort == 1, rng.chance(0.08) {
                churn = Day(ordinal: Day(2025, 2, 1).ordinal + rng.below(300))
            }

            let industry = industryTable.draw(&rng)
            let info = Names.regions[region]
            var name: Text3
            var short: Text3
            repeat {
                let city = info.cities[min(rng.below(info.cities.count), rng.below(info.cities.count))]
                var first = rng.pick(Names.tradeFirst)
                var second = rng.pick(Names.tradeSecond)
                while first.hans == second.hans {
                    first = rng.pick(Names.tradeFirst)
                    second = rng.pick(Names.tradeSecond)
                }
                let trade = Text3(first.hans + second.hans, first.hant + second.hant, first.en + second.en)
                let business = rng.pick(Names.industries[industry].businesses)
                let legal = Names.legalForms[legalTable.draw(&rng)].0
                short = city.joined(trade)
                name = short.joined(business).joined(legal)
            } while usedNames.contains(name.hans) || usedEnglish.contains(name.en)
            usedNames.insert(name.hans)
            usedEnglish.insert(name.en)

            let channelMix: [Double] =
                switch cohort {
                case 0: [35, 30, 15, 13, 7]
                case 1: [28, 27, 12, 21, 12]
                default: [18, 22, 8, 32, 20]
                }
            let channel = Channel(rawValue: rng.weightedIndex(channelMix))!
            let owners = reps(in: region, on: activeFrom)
            let ownerPool = owners.isEmpty ? reps(in: region, on: Self.end) : owners
            let owner = ownerPool[
                rng.weightedIndex(
                    ownerPool.map { rep in
                        let recent = people[rep].hiredOn.distance(to: activeFrom) < 365
                        return people[rep].skill * (cohort > 0 && recent ? 2.5 : 1)
                    })]

            var size = sizeTable[rng.weightedIndex(sizeTable.map(\.1))].0
            size = rng.jitter(size * (cohort == 0 ? 1.2 : 1.0), 0.3)
            // Credit terms for invoiced (offline, direct, distributor) orders; online buyers get the shortest.
            let terms =
                channel == .ecommerce || channel == .social
                ? 30 : [30, 45, 60, 90][rng.weightedIndex([40, 15, 30, 15])]
            let payer: Payer = [.prompt, .slow, .bad][rng.weightedIndex([62, 28, 10])]
            var preferred = Array(Names.industries[industry].preferredLines.prefix(2))
            if rng.chance(0.5) { preferred.append(Names.industries[industry].preferredLines[2]) }

            customers.append(
                Customer(
                    name: name, shortName: short, industry: industry, region: region, channel: channel, owner: owner,
                    historicalFirstOrder: historical, activeFrom: activeFrom, churnOn: churn, size: size,
                    paymentTermsDays: terms, payer: payer, preferredLines: preferred))
        }

        // Codes in the order the department won its customers.
        let order = customers.indices.sorted {
            let a = customers[$0].historicalFirstOrder ?? customers[$0].activeFrom
            let b = customers[$1].historicalFirstOrder ?? customers[$1].activeFrom
            return a != b ? a < b : $0 < $1
        }
        customers = order.map { customers[$0] }
        for index in customers.indices {
            customers[index].code = "C" + Self.zeroPadded(index + 1, 5)
        }
    }

    /// The day, or the Monday after it when it falls on a weekend.
    static func workday(_ day: Day) -> Day {
        var day = day
        while day.isWeekend { day = day.advanced(by: 1) }
        return day
    }

    static func zeroPadded(_ value: Int, _ width: Int) -> String {
        let digits = String(value)
        return digits.count >= width ? digits : String(repeating: "0", count: width - digits.count) + digits
    }

    // MARK: - Calendar

    /// Relative order volume by month: Q2 (618) and Q4 (双11, year end) peaks, a Spring Festival dip.
    static let monthWeights: [Double] = [0.78, 0.55, 0.90, 0.98, 1.10, 1.38, 0.82, 0.78, 0.95, 0.92, 1.32, 1.50]

    /// Public holidays when almost nothing is ordered.
    static func isHoliday(_ day: Day) -> Bool {
        let (y, m, d) = day.civil
        if m == 1 && d == 1 { return true }
        if m == 10 && d <= 7 { return true }
        if m == 5 && d <= 5 { return true }
        if y == 2024 && m == 2 && (10...17).contains(d) { return true }
        if y == 2025 && ((m == 1 && d >= 28) || (m == 2 && d <= 4)) { return true }
        return false
    }

    /// The run-up to 618 and 双11, when online channels surge.
    static func isPromotion(_ day: Day) -> Bool {
        let (_, m, d) = day.civil
        return (m == 6 && d <= 18) || (m == 11 && d <= 11)
    }

    /// How busy a day is: month, the end-of-month push, weekends, holidays and the 2025 growth.
    static func dayWeight(_ day: Day) -> Double {
        let (y, m, d) = day.civil
        var weight = monthWeights[m - 1]
        weight *= 0.75 + 0.55 * Double(d - 1) / Double(day.daysInMonth - 1)
        if day.isWeekend { weight *= 0.35 }
        if isHoliday(day) { weight *= 0.2 }
        if isPromotion(day) { weight *= 1.3 }
        if y == 2025 { weight *= 1.18 }
        return weight
    }

    // MARK: - Orders

    private mutating func makeOrders() {
        var rng = Rng(seed: seed, stream: "orders")
        let days = (Self.start...Self.end).map { $0 }
        let weights = days.map(Self.dayWeight)
        let totalWeight = weights.reduce(0, +)
        let linesPerOrder: [Double] = [14, 16, 16, 15, 13, 10, 8, 8]
        let meanLines = zip(1..., linesPerOrder).reduce(0.0) { $0 + Double($1.0) * $1.1 } / 100
        // New customers place a first order on the day they are won; the rest are spread by day weight.
        let firstOrderCount = customers.filter { $0.activeFrom > Self.start }.count
        let ordersWanted = max(0, Double(shape.orderLines) / meanLines - Double(firstOrderCount))

        let byRegion: [[Int]] = regions.indices.map { r in customers.indices.filter { customers[$0].region == r } }
        let regionTables = Self.years.map { year in
            WeightedTable(
                regions.indices.map { r in
                    byRegion[r].isEmpty ? 0 : regions[r].weight * (year == 2025 ? regions[r].growth : 1)
                })
        }
        let firstOrders: [Int: [Int]] = Dictionary(
            grouping: customers.indices.filter {
                customers[$0].activeFrom > Self.start
            }, by: { customers[$0].activeFrom.ordinal })
        let linesTable = WeightedTable(linesPerOrder)
        let productsByLine: [[Int]] = Names.productLines.indices.map { l in
            products.indices.filter { products[$0].line == l }
        }
        var sequence = [2024: 0, 2025: 0]

        for (dayIndex, day) in days.enumerated() {
            let expected = ordersWanted * weights[dayIndex] / totalWeight
            var count = Int(expected)
            if rng.chance(expected - Double(count)) { count += 1 }
            var todays: [Int] = firstOrders[day.ordinal] ?? []
            for _ in 0..<count {
                let region = regionTables[day.year - 2024].draw(&rng)
                let candidates = byRegion[region].filter { customers[$0].isActive(on: day) }
                guard !candidates.isEmpty else { continue }
                let pick = rng.weightedIndex(
                    candidates.map { c in
                        customers[c].size * people[owner(of: c, on: day)].skill
                    })
                todays.append(candidates[pick])
            }
            for customer in todays {
                sequence[day.year, default: 0] += 1
                let orderNo = "SO" + String(day.year) + Self.zeroPadded(sequence[day.year]!, 6)
                appendOrder(
                    orderNo, day: day, customer: customer, lineCount: linesTable.draw(&rng) + 1,
                    productsByLine: productsByLine, rng: &rng)
            }
        }

        for line in lines where line.status != .cancelled && customers[line.customer].firstOrder == nil {
            customers[line.customer].firstOrder = line.date
        }
    }

    private mutating func appendOrder(
        _ orderNo: String, day: Day, customer c: Int, lineCount: Int,
        productsByLine: [[Int]], rng: inout Rng
    ) {
        let customer = customers[c]
        let rep = owner(of: c, on: day)
        let promotion = Self.isPromotion(day)
        var mix: [Double] = day.year == 2024 ? [34, 28, 12, 17, 9] : [20, 24, 9, 29, 18]
        if promotion {
            mix[Channel.ecommerce.rawValue] *= 2.5
            mix[Channel.social.rawValue] *= 2.0
        }
        let channel = rng.chance(0.45) ? customer.channel : Channel(rawValue: rng.weightedIndex(mix))!
        let cancelled = rng.chance(0.03)
        // Order-level discount in basis points; larger customers negotiate more.
        var discountBP = [0, 200, 300, 500, 800, 1000][rng.weightedIndex([50, 15, 10, 12, 8, 5])]
        if customer.size >= 4, discountBP == 0, rng.chance(0.5) { discountBP = 300 }

        var chosen: [Int] = []
        for _ in 0..<lineCount {
            var product = -1
            for _ in 0..<12 {
                let line =
                    rng.chance(0.75)
                    ? customer.preferredLines[
                        rng.weightedIndex(Array([5.0, 3.0, 2.0].prefix(customer.preferredLines.count)))]
                    : rng.below(Names.productLines.count)
                let pool = productsByLine[line]
                let candidate = pool[
                    rng.weightedIndex(
                        pool.map { p in
                            let tierBias: Double =
                                switch products[p].tier {
                                case .high: customer.size >= 4 ? 2.0 : customer.size < 0.6 ? 0.5 : 1
                                case .mid: 1
                                case .low: customer.size < 0.6 ? 2.0 : 1
                                }
                            return products[p].popularity * tierBias
                        })]
                if !chosen.contains(candidate) {
                    product = candidate
                    break
                }
            }
            guard product >= 0 else { continue }
            chosen.append(product)

            let item = products[product]
            let range = Names.productLines[item.line].quantityRanges[item.tier.rawValue]
            var quantity = rng.int(in: range)
            if customer.size >= 4 { quantity += rng.int(in: 0...range.upperBound / 2) }
            // Channel price lists: list price offline and direct, a distributor price, online prices
            // (lower during promotions); now and then a price negotiated for the deal.
            var pricePercent: Int =
                switch channel {
                case .direct, .offline: 100
                case .distributor: 85
                case .ecommerce: promotion ? 88 : 95
                case .social: 92
                }
            if channel == .direct || channel == .offline, rng.chance(0.12) { pricePercent = rng.int(in: 88...97) }
            let unit = item.listYuan * pricePercent  // fen: yuan × percent
            let gross = unit * quantity
            let discount = Money.round(gross * discountBP / 10_000, to: 100)
            let status: OrderStatus = cancelled ? .cancelled : rng.chance(0.018) ? .returned : .completed
            lines.append(
                OrderLine(
                    orderNo: orderNo, date: day, customer: c, rep: rep, product: product, quantity: quantity,
                    unitPriceCents: unit, discountCents: discount, amountCents: gross - discount, channel: channel,
                    status: status))
        }
    }
}
