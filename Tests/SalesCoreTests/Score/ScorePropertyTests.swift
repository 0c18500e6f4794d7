import Testing

@testable import SalesCore

@Suite("Score properties on random customers")
struct ScorePropertyTests {
    /// 1–300 customers with small ranges of values (many ties), about one in eight without orders.
    static func randomCustomers(_ r: inout ScoreRandom) -> [CustomerSummary] {
        let n = Int.random(in: 1...300, using: &r)
        let ids = (1...Int64(n * 3)).shuffled(using: &r).prefix(n)
        return ids.map { id in
            if Int.random(in: 0..<8, using: &r) == 0 {
                return summary(id, Int.random(in: 200...900, using: &r), 0, 0)
            }
            return summary(
                id, Int.random(in: 0...60, using: &r), Int.random(in: 1...12, using: &r),
                Int64.random(in: -2...400, using: &r) * 2_500)
        }
    }

    @Test("RFM scores stay in 1…5, equal values score equally, better values never score lower")
    func rfm() throws {
        var r = ScoreRandom(seed: 2_026)
        for _ in 0..<200 {
            let customers = Self.randomCustomers(&r)
            let scores = try RFMScoring.score(customers)
            let pairs = Array(zip(customers, scores))
            for (_, s) in pairs {
                #expect(
                    RFMScoring.scores.contains(s.recency) && RFMScoring.scores.contains(s.frequency)
                        && RFMScoring.scores.contains(s.monetary))
            }
            let active = pairs.filter { $0.0.isActive }
            for (c, s) in active {
                for (d, t) in active.prefix(40) {
                    if c.frequency == d.frequency { #expect(s.frequency == t.frequency) }
                    if c.frequency > d.frequency { #expect(s.frequency >= t.frequency) }
                    if c.monetaryCents > d.monetaryCents { #expect(s.monetary >= t.monetary) }
                    if c.recencyDays < d.recencyDays { #expect(s.recency >= t.recency) }
                    if c.recencyDays == d.recencyDays { #expect(s.recency == t.recency) }
                }
            }
            // The worst value scores 1 and, when at least a fifth are strictly below it, the best scores 5.
            if let worst = active.map(\.0.frequency).min() {
                #expect(active.filter { $0.0.frequency == worst }.allSatisfy { $0.1.frequency == 1 })
            }
        }
    }

    @Test("tiers are monotone in revenue, and A holds the top of the revenue up to its cut-off")
    func tiers() throws {
        var r = ScoreRandom(seed: 99)
        for _ in 0..<200 {
            let customers = Self.randomCustomers(&r)
            let cutA = Int.random(in: 1...9_000, using: &r)
            let tiering = try ABCTiering(
                aCutoffBasisPoints: cutA,
                bCutoffBasisPoints: Int.random(in: (cutA + 1)...10_000, using: &r))
            let tiers = try tiering.tiers(customers)
            let pairs = Array(zip(customers, tiers))
            for (c, t) in pairs {
                #expect((t.tier == .d) == (c.monetaryCents <= 0))
                for (d, u) in pairs.prefix(40) where c.monetaryCents > d.monetaryCents {
                    #expect(t.tier <= u.tier)
                }
            }
            let ranked = pairs.filter { $0.1.tier != .d }.sorted { $0.1.rank! < $1.1.rank! }
            #expect(ranked.map { $0.1.rank! } == Array(stride(from: 1, through: ranked.count, by: 1)))
            guard !ranked.isEmpty else { continue }
            #expect(ranked[0].1.tier == .a)
            // Sum of A without its last member is below the cut-off; with the next customer it reaches it.
            let total = ranked.reduce(Int64(0)) { $0 + $1.0.monetaryCents }
            let aMembers = ranked.filter { $0.1.tier == .a }
            let beforeLastA = aMembers.dropLast().reduce(Int64(0)) { $0 + $1.0.monetaryCents }
            #expect(beforeLastA * 10_000 < total * Int64(tiering.aCutoffBasisPoints))
            if aMembers.count < ranked.count {
                let aSum = beforeLastA + aMembers.last!.0.monetaryCents
                #expect(aSum * 10_000 >= total * Int64(tiering.aCutoffBasisPoints))
            }
        }
    }

    @Test("segments agree with the means computed directly")
    func segments() throws {
        var r = ScoreRandom(seed: 5)
        for _ in 0..<100 {
            let customers = Self.randomCustomers(&r)
            let result = try Segment.classify(customers)
            let active = customers.filter(\.isActive)
            let n = Int64(active.count)
            let recency = active.reduce(Int64(0)) { $0 + Int64($1.recencyDays) }
            let frequency = active.reduce(Int64(0)) { $0 + Int64($1.frequency) }
            let money = active.reduce(Int64(0)) { $0 + $1.monetaryCents }
            for (c, a) in zip(customers, result.assignments) {
                guard c.isActive else {
                    #expect(a.segment == .generalWinBack)
                    continue
                }
                #expect(a.segment.isRecent == (Int64(c.recencyDays) * n < recency))
                #expect(a.segment.isFrequent == (Int64(c.frequency) * n > frequency))
                #expect(a.segment.isHighValue == (c.monetaryCents * n > money))
            }
        }
    }
}
