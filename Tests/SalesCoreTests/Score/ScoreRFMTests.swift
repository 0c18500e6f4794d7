import Testing

@testable import SalesCore

@Suite("RFM scores")
struct ScoreRFMTests {
    @Test("distinct values fill the quintiles two by two")
    func distinctValues() throws {
        // Ten customers: frequency 1…10, amount 100…1000, recency 1…10 days.
        let customers = (1...10).map { summary(Int64($0), $0, $0, Int64($0) * 100) }
        let scores = try RFMScoring.score(customers)
        // k = 0…9, n = 10: 1 + ⌊5k/10⌋.
        #expect(scores.map(\.frequency) == [1, 1, 2, 2, 3, 3, 4, 4, 5, 5])
        #expect(scores.map(\.monetary) == [1, 1, 2, 2, 3, 3, 4, 4, 5, 5])
        // Recency is reversed: 1 day since the last order is best.
        #expect(scores.map(\.recency) == [5, 5, 4, 4, 3, 3, 2, 2, 1, 1])
        #expect(scores.map(\.customerID) == Array(1...10))
        #expect(scores[0].code == "511")
    }

    @Test("equal values get equal scores, from the rank of their first occurrence")
    func ties() throws {
        let frequencies = [1, 1, 1, 1, 2, 2, 3, 4, 5, 6]
        let customers = frequencies.enumerated().map { summary(Int64($0.offset + 1), 5, $0.element, 100) }
        let scores = try RFMScoring.score(customers)
        // 1: k = 0 → 1; 2: k = 4 → 3; 3: k = 6 → 4; 4: k = 7 → 4; 5: k = 8 → 5; 6: k = 9 → 5.
        #expect(scores.map(\.frequency) == [1, 1, 1, 1, 3, 3, 4, 4, 5, 5])
        // Everyone has the same recency and amount: all score 1.
        #expect(scores.allSatisfy { $0.recency == 1 && $0.monetary == 1 })
    }

    @Test("the order of the input changes nothing")
    func orderIndependent() throws {
        var r = ScoreRandom(seed: 7)
        let customers = (1...200).map {
            summary(
                Int64($0), Int.random(in: 0...90, using: &r),
                Int.random(in: 1...6, using: &r), Int64.random(in: 1...50, using: &r) * 1_000)
        }
        let byID = Dictionary(uniqueKeysWithValues: try RFMScoring.score(customers).map { ($0.customerID, $0) })
        let shuffled = customers.shuffled(using: &r)
        for s in try RFMScoring.score(shuffled) { #expect(byID[s.customerID] == s) }
    }

    @Test("customers without orders in the window score 1, 1, 1 and are not ranked")
    func inactive() throws {
        let active = (1...5).map { summary(Int64($0), $0 * 10, $0, Int64($0) * 500) }
        let withInactive = active + [summary(100, 400, 0, 0), summary(101, 1, 0, 0)]
        let scores = try RFMScoring.score(withInactive)
        #expect(Array(scores.prefix(5)) == (try RFMScoring.score(active)))
        for s in scores.suffix(2) {
            #expect(s.recency == 1 && s.frequency == 1 && s.monetary == 1 && !s.isActive)
        }
        #expect(scores.prefix(5).allSatisfy { $0.isActive })
    }

    @Test("a single customer, and an empty input")
    func degenerate() throws {
        #expect(try RFMScoring.score([summary(1, 3, 2, 900)]).map(\.code) == ["111"])
        #expect(try RFMScoring.score([]).isEmpty)
        #expect(RFMScoring.quintileScores([]).isEmpty)
    }

    @Test("negative amounts are ranked below positive ones")
    func negativeAmounts() throws {
        #expect(RFMScoring.quintileScores([-500, 0, 700, -500, 300]) == [1, 3, 5, 1, 4])
    }

    @Test("invalid summaries are refused")
    func invalid() {
        #expect(throws: ScoreModelError.duplicateCustomer(1)) {
            try RFMScoring.score([summary(1, 3, 1, 100), summary(1, 4, 1, 100)])
        }
        #expect(throws: ScoreModelError.self) { try RFMScoring.score([summary(1, -1, 1, 100)]) }
        #expect(throws: ScoreModelError.self) { try RFMScoring.score([summary(1, 1, -2, 100)]) }
        #expect(throws: ScoreModelError.self) { try RFMScoring.score([summary(1, 1, 0, 100)]) }
    }
}
