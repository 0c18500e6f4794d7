/// What the department did around its orders: targets, pipeline, invoices, expenses, budgets and feedback.
///
/// Derived from a ``Department`` (targets are set against its actual sales so that some regions
/// and reps beat them and some fall short), each part from its own random stream.
struct Activity {
    /// Whose target or budget.
    enum ScopeKey {
        case rep(Int)
        case team(Int)
        case region(Int)
        case company

        var scope: Scope {
            switch self {
            case .rep: .rep
            case .team: .team
            case .region: .region
            case .company: .company
            }
        }
    }

    struct Target {
        var key: ScopeKey
        var period: String
        var amountCents: Int
    }

    struct Opportunity {
        var code = ""
        var name: Text3
        var customer: Int
        var rep: Int
        var stage: Stage
        var created: Day
        var closed: Day?
        var expectedCents: Int
        var source: Text3
        var lostReason: Text3?
    }

    struct Receivable {
        var invoiceNo = ""
        var orderNo: String
        var customer: Int
        var invoiced: Day
        var due: Day
        var amountCents: Int
        var paidOn: Day?
        var paidCents: Int?
    }

    struct Campaign {
        var name: Text3
        var start: Day
        var end: Day
        var region: Int?
        var category: ExpenseCategory
        /// Total spend in whole yuan.
        var spend: ClosedRange<Int>
    }

    struct Expense {
        var number = ""
        var submitter: Int
        var spent: Day
        var category: ExpenseCategory
        var amountCents: Int
        var description: Text3
        var region: Int?
        var customer: Int?
        var campaign: Text3?
        var status: ExpenseStatus
    }

    struct Budget {
        var key: ScopeKey
        var category: ExpenseCategory
        var period: String
        var amountCents: Int
    }

    struct Feedback {
        var code = ""
        var customer: Int
        var date: Day
        var kind: FeedbackKind
        var quality: Int?
        var delivery: Int?
        var service: Int?
        var status: ComplaintStatus?
        var resolved: Day?
        var text: Text3?
    }

    private(set) var targets: [Target] = []
    private(set) var opportunities: [Opportunity] = []
    private(set) var receivables: [Receivable] = []
    private(set) var expenses: [Expense] = []
    private(set) var budgets: [Budget] = []
    private(set) var feedback: [Feedback] = []

    init(_ department: Department) {
        makeTargets(department)
        makeOpportunities(department)
        makeReceivables(department)
        makeExpenses(department)
        makeBudgets(department)
        makeFeedback(department)
    }

    /// 0 for 2024Q1 … 7 for 2025Q4.
    static func quarterIndex(_ day: Day) -> Int { (day.year - 2024) * 4 + day.quarter - 1 }

    static func quarterName(_ index: Int) -> String { "\(2024 + index / 4)Q\(index % 4 + 1)" }

    /// Rounds a target or budget to a whole 万元 (10,000 yuan), at least one.
    static func roundToWan(_ cents: Double) -> Int {
        max(1, Int(cents / 1_000_000 + 0.5)) * 1_000_000
    }

    /// A random workday of a month (a weekend or holiday only if ten draws in a row miss).
    static func workday(inMonth year: Int, _ month: Int, _ rng: inout Rng) -> Day {
        let first = Day(year, month, 1)
        var day = first.advanced(by: rng.below(first.daysInMonth))
        var tries = 0
        while day.isWeekend || Department.isHoliday(day), tries < 10 {
            day = first.advanced(by: rng.below(first.daysInMonth))
            tries += 1
        }
        return day
    }

    // MARK: - Targets

    private mutating func makeTargets(_ d: Department) {
        var rng = Rng(seed: d.seed, stream: "targets")
        var rep = [[Int]](repeating: [Int](repeating: 0, count: 8), count: d.people.count)
        var team = [[Int]](repeating: [Int](repeating: 0, count: 8), count: d.teams.count)
        var region = [[Int]](repeating: [Int](repeating: 0, count: 8), count: d.regions.count)
        var company = [0, 0]
        let teamOf: [Int?] = d.people.map { person in
            d.teams.firstIndex { $0.name.hans == person.team?.hans }
        }
        for line in d.lines where line.status == .completed {
            let q = Self.quarterIndex(line.date)
            rep[line.rep][q] += line.amountCents
            if let t = teamOf[line.rep] { team[t][q] += line.amountCents }
            region[d.customers[line.customer].region][q] += line.amountCents
            company[line.date.year - 2024] += line.amountCents
        }

        let companyCompletion = [1.02, 1.10]
        for year in 0..<2 where company[year] > 0 {
            targets.append(
                Target(
                    key: .company, period: String(2024 + year),
                    amountCents: Self.roundToWan(Double(company[year]) / companyCompletion[year])))
        }
        for r in d.regions.indices {
            for q in 0..<8 where region[r][q] > 0 {
                let completion = rng.jitter(d.regions[r].completion * (q < 4 ? 0.97 : 1.03), 0.06)
                targets.append(
                    Target(
                        key: .region(r), period: Self.quarterName(q),
                        amountCents: Self.roundToWan(Double(region[r][q]) / completion)))
            }
        }
        for t in d.teams.indices {
            for q in 0..<8 where team[t][q] > 0 {
                let completion = rng.jitter(d.regions[d.teams[t].region].completion * (q < 4 ? 0.97 : 1.03), 0.08)
                targets.append(
                    Target(
                        key: .team(t), period: Self.quarterName(q),
                        amountCents: Self.roundToWan(Double(team[t][q]) / completion)))
            }
        }
        for p in d.people.indices where d.people[p].isRep {
            for q in 0..<8 where rep[p][q] > 0 {
                targets.append(
                    Target(
                        key: .rep(p), period: Self.quarterName(q),
                        amountCents: Self.roundToWan(Double(rep[p][q]) / d.people[p].quarterCompletion[q])))
            }
        }
    }

    // MARK: - Opportunities

    static let sources: [(Text3, Double, Double)] = [
        // (source, share, win rate)
        (Text3("官网咨询", "官網諮詢", "Website"), 14, 0.26),
        (Text3("电话营销", "電話營銷", "Telemarketing"), 10, 0.18),
        (Text3("展会", "展會", "Trade Show"), 14, 0.28),
        (Text3("老客户推荐", "老客戶推薦", "Referral"), 18, 0.45),
        (Text3("电商平台", "電商平台", "E-commerce Platform"), 12, 0.30),
        (Text3("社群运营", "社群運營", "Social Community"), 8, 0.27),
        (Text3("渠道伙伴", "渠道夥伴", "Channel Partner"), 14, 0.33),
        (Text3("招投标", "招投標", "Tender"), 10, 0.24),
    ]

    static let lostReasons: [Text3] = [
        Text3("价格过高", "價格過高", "Price too high"),
        Text3("选择竞品", "選擇競品", "Chose a competitor"),
        Text3("客户预算取消", "客戶預算取消", "Budget cancelled"),
        Text3("需求变更", "需求變更", "Requirements changed"),
        Text3("决策延期", "決策延期", "Decision postponed"),
        Text3("产品功能不满足", "產品功能不滿足", "Product did not fit"),
        Text3("交付周期过长", "交付週期過長", "Lead time too long"),
        Text3("关系维护不足", "關係維護不足", "Weak relationship"),
    ]

    static let projectKinds: [Text3] = [
        Text3("采购项目", "採購項目", "Procurement"),
        Text3("升级改造项目", "升級改造項目", "Upgrade"),
        Text3("扩容项目", "擴容項目", "Expansion"),
        Text3("年度框架协议", "年度框架協議", "Annual Framework Agreement"),
    ]

    private mutating func makeOpportunities(_ d: Department) {
        var rng = Rng(seed: d.seed, stream: "opportunities")
        let lastCreated = Day(2025, 12, 19)
        let days = (Department.start...lastCreated).map { $0 }
        let dayTable = WeightedTable(days.map { (Department.dayWeight($0) + 1) / 2 })
        let sourceTable = WeightedTable(Self.sources.map(\.1))
        let count = d.customers.count * 7 / 5

        for _ in 0..<count {
            let created = days[dayTable.draw(&rng)]
            let active = d.customers.indices.filter { d.customers[$0].isActive(on: created) }
            guard !active.isEmpty else { continue }
            // Pick by size, by rejection: cheap over a couple of thousand customers.
            var customer = active[rng.below(active.count)]
            for _ in 0..<4 where d.customers[customer].size < rng.unit() * 4 {
                customer = active[rng.below(active.count)]
            }
            let c = d.customers[customer]
            var source = sourceTable.draw(&rng)
            if created.year == 2025, source < 3, rng.chance(0.25) { source = rng.chance(0.6) ? 4 : 5 }
            let line = Names.productLines[c.preferredLines[rng.below(c.preferredLines.count)]]
            let name = c.shortName.joined(line.name, englishSeparator: " ")
                .joined(rng.pick(Self.projectKinds), englishSeparator: " ")
            let bucket = [10_000...49_000, 50_000...199_000, 200_000...599_000, 600_000...1_500_000][
                rng.weightedIndex([40, 35, 20, 5])]
            var expectedYuan = rng.int(in: bucket)
            if c.size >= 4 { expectedYuan = expectedYuan * 3 / 2 }
            expectedYuan = expectedYuan / 1_000 * 1_000

            let winRate = Self.sources[source].2
            let outcome = rng.unit()
            var stage: Stage
            var closed: Day?
            var lost: Text3?
            if outcome < winRate + 0.50 {
                let won = outcome < winRate
                let length = won ? 20 + rng.below(100) + (expectedYuan >= 600_000 ? 60 : 0) : 10 + rng.below(140)
                let close = created.advanced(by: length)
                if close <= Department.end {
                    stage = won ? .won : .lost
                    closed = close
                    if !won { lost = rng.pick(Self.lostReasons) }
                } else {
                    let progress = Double(created.distance(to: Department.end)) / Double(length)
                    stage =
                        progress < 0.2
                        ? .lead
                        : progress < 0.45
                            ? .qualified
                            : progress < 0.7
                                ? .proposal
                                : .negotiation
                }
            } else {
                // Stalled: still open in an early stage.
                stage = rng.chance(0.5) ? .lead : .qualified
                if created.distance(to: Department.end) > 120, rng.chance(0.3) { stage = .proposal }
            }
            opportunities.append(
                Opportunity(
                    name: name, customer: customer, rep: d.owner(of: customer, on: created), stage: stage,
                    created: created, closed: closed, expectedCents: Money.yuan(expectedYuan),
                    source: Self.sources[source].0, lostReason: lost))
        }
        opportunities.sort { $0.created != $1.created ? $0.created < $1.created : $0.customer < $1.customer }
        var sequence = [0, 0]
        for index in opportunities.indices {
            let year = opportunities[index].created.year
            sequence[year - 2024] += 1
            opportunities[index].code = "SJ" + String(year) + Department.zeroPadded(sequence[year - 2024], 5)
        }
    }

    // MARK: - Receivables

    private mutating func makeReceivables(_ d: Department) {
        var rng = Rng(seed: d.seed, stream: "receivables")
        var start = 0
        while start < d.lines.count {
            var end = start
            var amount = 0
            while end < d.lines.count, d.lines[end].orderNo == d.lines[start].orderNo {
                if d.lines[end].status == .completed { amount += d.lines[end].amountCents }
                end += 1
            }
            let first = d.lines[start]
            start = end
            // Online orders are paid at checkout; only credit sales are invoiced and collected later.
            guard amount > 0, first.channel != .ecommerce, first.channel != .social else { continue }
            let customer = d.customers[first.customer]
            let invoiced = min(first.date.advanced(by: rng.below(6)), Department.end)
            let due = invoiced.advanced(by: customer.paymentTermsDays)
            var paid: Day?
            switch customer.payer {
            case .prompt: paid = due.advanced(by: -rng.below(12) + rng.below(4))
            case .slow: paid = due.advanced(by: 5 + rng.below(56))
            case .bad: paid = rng.chance(0.35) ? nil : due.advanced(by: 30 + rng.below(120))
            }
            if let day = paid, day < invoiced { paid = invoiced }
            var paidAmount: Int? = amount
            if paid != nil, amount >= 200_000, rng.chance(0.04) {
                paidAmount = min(amount - 100, Money.round(amount * rng.int(in: 50...90) / 100, to: 10_000))
            }
            if let day = paid, day > Department.end { paid = nil }
            if paid == nil { paidAmount = nil }
            receivables.append(
                Receivable(
                    orderNo: first.orderNo, customer: first.customer, invoiced: invoiced,
                    due: due, amountCents: amount, paidOn: paid, paidCents: paidAmount))
        }
        receivables.sort { $0.invoiced != $1.invoiced ? $0.invoiced < $1.invoiced : $0.orderNo < $1.orderNo }
        var sequence = [0, 0]
        for index in receivables.indices {
            let year = receivables[index].invoiced.year
            sequence[year - 2024] += 1
            receivables[index].invoiceNo = "FP" + String(year) + Department.zeroPadded(sequence[year - 2024], 6)
        }
    }

    // MARK: - Expenses

    static func campaigns(regions: [Department.Region]) -> [Campaign] {
        func region(_ hans: String) -> Int? { regions.firstIndex { $0.name.hans == hans } }
        func roadshow(_ year: Int, _ regionName: String, _ start: Day, _ end: Day) -> Campaign {
            let r = region(regionName)!
            let n = regions[r].name
            return Campaign(
                name: Text3(
                    "\(year)工业传感技术巡展·\(n.hans)站", "\(year)工業傳感技術巡展·\(n.hant)站",
                    "\(year) Industrial Sensor Roadshow, \(n.en)"),
                start: start, end: end, region: r, category: .events, spend: 60_000...110_000)
        }
        var list: [Campaign] = []
        for year in Department.years {
            list += [
                Campaign(
                    name: Text3("\(year)春季新品发布会", "\(year)春季新品發佈會", "\(year) Spring Product Launch"),
                    start: Day(year, 3, 10), end: Day(year, 3, 28), region: nil, category: .events,
                    spend: 120_000...200_000),
                Campaign(
                    name: Text3("\(year)年618电商大促", "\(year)年618電商大促", "\(year) 618 Online Sale"),
                    start: Day(year, 5, 13), end: Day(year, 6, 18), region: nil, category: .advertising,
                    spend: year == 2024 ? 200_000...320_000 : 300_000...450_000),
                Campaign(
                    name: Text3("\(year)年双11电商大促", "\(year)年雙11電商大促", "\(year) Double 11 Online Sale"),
                    start: Day(year, 10, 14), end: Day(year, 11, 11), region: nil, category: .advertising,
                    spend: year == 2024 ? 250_000...380_000 : 350_000...500_000),
                Campaign(
                    name: Text3("\(year)年度客户答谢会", "\(year)年度客戶答謝會", "\(year) Customer Appreciation Gala"),
                    start: Day(year, 12, 4), end: Day(year, 12, 19), region: nil, category: .events,
                    spend: 150_000...250_000),
            ]
        }
        list += [
            roadshow(2024, "华东", Day(2024, 4, 8), Day(2024, 4, 26)),
            roadshow(2024, "华南", Day(2024, 5, 6), Day(2024, 5, 24)),
            roadshow(2024, "华北", Day(2024, 9, 9), Day(2024, 9, 27)),
            roadshow(2025, "华中", Day(2025, 4, 14), Day(2025, 4, 30)),
            roadshow(2025, "西南", Day(2025, 9, 8), Day(2025, 9, 26)),
            Campaign(
                name: Text3("2025抖音直播带货推广", "2025抖音直播帶貨推廣", "2025 Douyin Live Commerce"),
                start: Day(2025, 7, 1), end: Day(2025, 8, 29), region: nil, category: .advertising,
                spend: 150_000...250_000),
        ]
        return list
    }

    private mutating func makeExpenses(_ d: Department) {
        var rng = Rng(seed: d.seed, stream: "expenses")
        var repCustomers = [[Int]](repeating: [], count: d.people.count)
        var seen = Set<Int>()
        for line in d.lines where seen.insert(line.rep * 1_000_000 + line.customer).inserted {
            repCustomers[line.rep].append(line.customer)
        }
        func amount(_ yuan: ClosedRange<Int>, step: Int = 10) -> Int {
            Money.round(rng.int(in: yuan.lowerBound * 100...yuan.upperBound * 100), to: step)
        }
        func claims(_ weights: [Double]) -> Int { rng.weightedIndex(weights) }

        let travel = [
            Text3("拜访{c}，往返高铁及住宿", "拜訪{c}，往返高鐵及住宿", "Visit to {c}: train and hotel"),
            Text3("赴{c}现场调研，差旅费", "赴{c}現場調研，差旅費", "Site survey at {c}: travel"),
            Text3("{c}项目交流，机票及住宿", "{c}項目交流，機票及住宿", "{c} project meeting: flights and hotel"),
        ]
        let hosting = [
            Text3("宴请{c}采购负责人", "宴請{c}採購負責人", "Dinner with {c} purchasing"),
            Text3("{c}来访接待", "{c}來訪接待", "Hosting a visit from {c}"),
            Text3("与{c}商务洽谈用餐", "與{c}商務洽談用餐", "Business lunch with {c}"),
        ]
        func fill(_ template: Text3, _ customer: Int) -> Text3 {
            let name = d.customers[customer].shortName
            return Text3(
                template.hans.replacingAll("{c}", name.hans), template.hant.replacingAll("{c}", name.hant),
                template.en.replacingAll("{c}", name.en))
        }

        let marketing = d.people.firstIndex { $0.post == .marketingHead }
        for year in Department.years {
            for month in 1...12 {
                for (p, person) in d.people.enumerated() {
                    let day = Self.workday(inMonth: year, month, &rng)
                    guard person.isEmployed(on: day) else { continue }
                    func add(
                        _ category: ExpenseCategory, _ cents: Int, _ text: Text3, customer: Int? = nil,
                        region: Int? = person.region, campaign: Text3? = nil
                    ) {
                        let spent = Self.workday(inMonth: year, month, &rng)
                        guard person.isEmployed(on: spent) else { return }
                        expenses.append(
                            Expense(
                                submitter: p, spent: spent, category: category, amountCents: cents,
                                description: text, region: region, customer: customer,
                                campaign: campaign, status: .paid))
                    }
                    let book = repCustomers[p]
                    switch person.post {
                    case .rep:
                        for _ in 0..<claims([25, 35, 25, 15]) where !book.isEmpty {
                            let c = book[rng.below(book.count)]
                            add(.travel, amount(300...6_000), fill(rng.pick(travel), c), customer: c)
                        }
                        for _ in 0..<claims([45, 40, 15]) where !book.isEmpty {
                            let c = book[rng.below(book.count)]
                            add(.entertainment, amount(300...4_000), fill(rng.pick(hosting), c), customer: c)
                        }
                    case .teamLead, .regionalManager, .director:
                        let scale = person.post == .teamLead ? 1 : person.post == .regionalManager ? 2 : 3
                        let region = person.region
                        let pool = d.customers.indices.filter { region == nil || d.customers[$0].region == region }
                        for _ in 0..<claims([20, 40, 30, 10]) where !pool.isEmpty {
                            let c = pool[rng.below(pool.count)]
                            add(.travel, amount(800 * scale...5_000 * scale), fill(rng.pick(travel), c), customer: c)
                        }
                        for _ in 0..<claims([35, 40, 25]) where !pool.isEmpty {
                            let c = pool[rng.below(pool.count)]
                            add(
                                .entertainment, amount(800 * scale...4_000 * scale), fill(rng.pick(hosting), c),
                                customer: c)
                        }
                        if month % 3 == 1, person.post != .director, rng.chance(0.5) {
                            add(
                                .training, amount(3_000...15_000 * scale, step: 100),
                                Text3("团队销售技能培训", "團隊銷售技能培訓", "Sales skills training for the team"))
                        }
                        if person.post == .regionalManager, month % 3 == 2, let r = region {
                            let n = d.regions[r].name
                            let q = (month - 1) / 3 + 1
                            let campaign = Text3(
                                "\(year)Q\(q)\(n.hans)行业客户交流会", "\(year)Q\(q)\(n.hant)行業客戶交流會",
                                "\(year)Q\(q) \(n.en) Customer Forum")
                            add(
                                .events, amount(20_000...60_000, step: 100),
                                Text3("场地、餐饮及物料", "場地、餐飲及物料", "Venue, catering and materials"),
                                campaign: campaign)
                        }
                    case .marketingHead:
                        let brand = Text3("\(year)品牌线上推广", "\(year)品牌線上推廣", "\(year) Online Brand Promotion")
                        add(
                            .advertising, amount(30_000...60_000, step: 100),
                            Text3("搜索引擎关键词投放", "搜索引擎關鍵詞投放", "Search engine keyword ads"),
                            region: nil, campaign: brand)
                        if month % 3 == 0 {
                            add(
                                .advertising, amount(40_000...80_000, step: 100),
                                Text3("行业媒体广告投放", "行業媒體廣告投放", "Trade media advertising"),
                                region: nil, campaign: brand)
                        }
                        for _ in 0..<claims([40, 40, 20]) {
                            add(
                                .travel, amount(1_500...8_000),
                                Text3("市场活动筹备出差", "市場活動籌備出差", "Travel to prepare events"), region: nil)
                        }
                    case .admin:
                        let items = [
                            Text3("办公用品采购", "辦公用品採購", "Office supplies"),
                            Text3("快递及物流费", "快遞及物流費", "Courier and shipping"),
                            Text3("团队建设活动", "團隊建設活動", "Team building"),
                        ]
                        for _ in 0..<claims([20, 50, 30]) {
                            add(.other, amount(200...3_000), rng.pick(items), region: nil)
                        }
                        if month == 3 {
                            add(
                                .training, amount(5_000...15_000, step: 100),
                                Text3("CRM系统使用培训", "CRM系統使用培訓", "CRM system training"), region: nil)
                        }
                    case .financeManager, .accountant, .analyst:
                        if month == 9, rng.chance(0.7) {
                            let text =
                                person.post == .analyst
                                ? Text3("数据分析课程", "數據分析課程", "Data analysis course")
                                : Text3("财务人员继续教育", "財務人員繼續教育", "Continuing education for finance staff")
                            add(.training, amount(2_000...8_000, step: 100), text, region: nil)
                        }
                    }
                }
            }
        }

        // Campaign spend, in two to four claims inside the campaign's dates.
        if let marketing {
            for campaign in Self.campaigns(regions: d.regions) {
                let total = rng.int(in: campaign.spend)
                let parts = rng.int(in: 2...4)
                var left = total
                for part in 0..<parts {
                    let share = part == parts - 1 ? left : total / parts * rng.int(in: 80...120) / 100
                    left -= share
                    let span = campaign.start.distance(to: campaign.end)
                    let spent = Department.workday(campaign.start.advanced(by: rng.below(span + 1)))
                    var submitter = marketing
                    if let r = campaign.region, rng.chance(0.5),
                        let manager = d.people.firstIndex(where: { $0.post == .regionalManager && $0.region == r })
                    {
                        submitter = manager
                    }
                    let text =
                        campaign.category == .advertising
                        ? Text3("平台推广及投放费用", "平台推廣及投放費用", "Platform promotion and ads")
                        : Text3("场地搭建、物料及餐饮", "場地搭建、物料及餐飲", "Venue build, materials and catering")
                    expenses.append(
                        Expense(
                            submitter: submitter, spent: spent, category: campaign.category,
                            amountCents: Money.yuan(share / 100 * 100), description: text,
                            region: campaign.region, customer: nil, campaign: campaign.name,
                            status: .paid))
                }
            }
        }

        expenses.sort { $0.spent != $1.spent ? $0.spent < $1.spent : $0.submitter < $1.submitter }
        var sequence = [0, 0]
        for index in expenses.indices {
            let spent = expenses[index].spent
            let year = spent.year
            sequence[year - 2024] += 1
            expenses[index].number = "BX" + String(year) + Department.zeroPadded(sequence[year - 2024], 6)
            let roll = rng.unit()
            if spent >= Day(2025, 12, 1) {
                expenses[index].status =
                    roll < 0.55 ? .submitted : roll < 0.85 ? .approved : roll < 0.88 ? .rejected : .paid
            } else if spent >= Day(2025, 11, 1) {
                expenses[index].status = roll < 0.04 ? .rejected : roll < 0.40 ? .approved : .paid
            } else {
                expenses[index].status = roll < 0.04 ? .rejected : roll < 0.06 ? .approved : .paid
            }
        }
    }

    // MARK: - Budgets

    private mutating func makeBudgets(_ d: Department) {
        var rng = Rng(seed: d.seed, stream: "budgets")
        let categories = ExpenseCategory.allCases
        var byRegion = [[[Int]]](
            repeating: [[Int]](repeating: [Int](repeating: 0, count: 8), count: categories.count),
            count: d.regions.count)
        var byCompany = [[Int]](repeating: [0, 0], count: categories.count)
        for expense in expenses where expense.status != .rejected {
            let q = Self.quarterIndex(expense.spent)
            if let r = expense.region { byRegion[r][expense.category.rawValue][q] += expense.amountCents }
            byCompany[expense.category.rawValue][expense.spent.year - 2024] += expense.amountCents
        }
        func factor() -> Double {
            rng.chance(0.25) ? 0.80 + 0.18 * rng.unit() : 1.0 + 0.35 * rng.unit()
        }
        for category in categories {
            for year in 0..<2 where byCompany[category.rawValue][year] > 0 {
                let amount = Double(byCompany[category.rawValue][year]) * (0.9 + 0.25 * rng.unit())
                budgets.append(
                    Budget(
                        key: .company, category: category, period: String(2024 + year),
                        amountCents: Self.roundToWan(amount)))
            }
        }
        for r in d.regions.indices where d.shape.teamsPerRegion[r] > 0 {
            for category in categories {
                for q in 0..<8 {
                    let spent = byRegion[r][category.rawValue][q]
                    let amount: Int
                    if spent > 0 {
                        amount = max(500_000, Money.round(Int(Double(spent) * factor()), to: 100_000))
                    } else {
                        amount = category == .advertising ? 1_000_000 : 300_000
                    }
                    budgets.append(
                        Budget(
                            key: .region(r), category: category, period: Self.quarterName(q),
                            amountCents: amount))
                }
            }
        }
    }

    // MARK: - Feedback

    static let surveyComments: [Text3] = [
        Text3("整体满意，希望交付再快一些", "整體滿意，希望交付再快一些", "Satisfied overall; delivery could be faster"),
        Text3("产品质量稳定", "產品質量穩定", "Product quality is consistent"),
        Text3("售后响应及时", "售後響應及時", "After-sales support responds quickly"),
        Text3("价格偏高", "價格偏高", "Prices are on the high side"),
        Text3("希望增加培训支持", "希望增加培訓支持", "Would like more training support"),
        Text3("物流包装需改进", "物流包裝需改進", "Packaging needs improvement"),
    ]

    static let complaintTexts: [(Text3, delivery: Bool)] = [
        (Text3("到货延迟一周，影响产线排期", "到貨延遲一週，影響產線排期", "Delivery a week late, production schedule hit"), true),
        (Text3("产品外壳有划痕", "產品外殼有劃痕", "Scratches on the product casing"), false),
        (Text3("发票信息开具错误", "發票資訊開具錯誤", "Invoice issued with wrong details"), false),
        (Text3("售后响应慢，三天未回复", "售後響應慢，三天未回覆", "After-sales slow: no reply for three days"), false),
        (Text3("安装调试人员未按约定时间到场", "安裝調試人員未按約定時間到場", "Installer missed the agreed appointment"), true),
        (Text3("部分配件缺失", "部分配件缺失", "Some accessories missing"), true),
        (Text3("设备运行不稳定，频繁重启", "設備運行不穩定，頻繁重啟", "Device unstable, restarts often"), false),
    ]

    private mutating func makeFeedback(_ d: Department) {
        var rng = Rng(seed: d.seed, stream: "feedback")
        func score(_ mean: Double) -> Int {
            Int(max(1, min(5, (mean + 0.8 * rng.gaussian()).rounded())))
        }
        // Surveys: each quarter, about one in six customers who bought that quarter.
        var bought = [[Bool]](repeating: [Bool](repeating: false, count: 8), count: d.customers.count)
        for line in d.lines where line.status == .completed {
            bought[line.customer][Self.quarterIndex(line.date)] = true
        }
        for q in 0..<8 {
            let year = 2024 + q / 4
            let lastMonth = (q % 4) * 3 + 3
            for c in d.customers.indices where bought[c][q] && rng.chance(0.17) {
                let customer = d.customers[c]
                let remote = customer.region >= 5  // 西北, 东北: longer deliveries
                let date = Self.workday(inMonth: year, lastMonth, &rng)
                let service = 4.1 + 0.4 * (d.people[d.owner(of: c, on: date)].skill - 1)
                feedback.append(
                    Feedback(
                        customer: c, date: date, kind: .survey, quality: score(4.3),
                        delivery: score(remote ? 3.5 : 4.0),
                        service: score(service), status: nil, resolved: nil,
                        text: rng.chance(0.4) ? rng.pick(Self.surveyComments) : nil))
            }
        }
        // Complaints: about one order in ninety, more after a return.
        var index = 0
        while index < d.lines.count {
            let orderNo = d.lines[index].orderNo
            var returned = false
            var cancelled = false
            let first = d.lines[index]
            while index < d.lines.count, d.lines[index].orderNo == orderNo {
                returned = returned || d.lines[index].status == .returned
                cancelled = cancelled || d.lines[index].status == .cancelled
                index += 1
            }
            guard !cancelled, rng.chance(returned ? 0.3 : 0.011) else { continue }
            let date = first.date.advanced(by: 3 + rng.below(28))
            guard date <= Department.end else { continue }
            let (text, isDelivery) = rng.pick(Self.complaintTexts)
            let resolved = date.advanced(by: 1 + rng.below(isDelivery ? 30 : 20))
            var status = ComplaintStatus.open
            var resolvedOn: Day?
            if resolved <= Department.end {
                resolvedOn = resolved
                status =
                    resolved.advanced(by: 2 + rng.below(9)) <= Department.end && rng.chance(0.85) ? .closed : .resolved
            }
            feedback.append(
                Feedback(
                    customer: first.customer, date: date, kind: .complaint, quality: nil,
                    delivery: nil, service: nil, status: status, resolved: resolvedOn, text: text))
        }
        feedback.sort { a, b in
            if a.date != b.date { return a.date < b.date }
            if a.customer != b.customer { return a.customer < b.customer }
            return a.kind == .survey && b.kind == .complaint
        }
        var sequence = [0, 0]
        for i in feedback.indices {
            let year = feedback[i].date.year
            sequence[year - 2024] += 1
            feedback[i].code = "FK" + String(year) + Department.zeroPadded(sequence[year - 2024], 5)
        }
    }
}

extension String {
    /// The string with every occurrence of `target` replaced (no Foundation needed).
    func replacingAll(_ target: String, _ replacement: String) -> String {
        split(separator: target, omittingEmptySubsequences: false).joined(separator: replacement)
    }
}
