import Testing

@testable import SalesCore

@Suite("ABC revenue tiers")
struct ScoreABCTests {
    /// Customers 1, 2, … with these amounts in cents, one order each.
    func customers(_ cents: [Int64]) -> [CustomerSummary] {
        cents.enumerated().map { summary(Int64($0.offset + 1), 10, $0.element > 0 ? 1 : 0, $0.element) }
    }

    @Test("a customer starting exactly at a cut-off starts the next tier")
    func exactBoundaries() throws {
        // Shares before each customer: 0%, 70%, 90%.
        let tiers = try ABCTiering().tiers(customers([7_000, 2_000, 1_000]))
        #expect(tiers.map(\.tier) == [.a, .b, .c])
        #expect(tiers.map(\.rank) == [1, 2, 3])
        #expect(tiers.map(\.shareBefore) == [0, 0.7, 0.9])
    }

    @Test("the customer crossing a cut-off belongs to the tier being filled")
    func crossing() throws {
        // Shares before: 0%, 69% (< 70%: A although it ends at 90%), 90% (not < 90%: C).
        #expect(try ABCTiering().tiers(customers([6_900, 2_100, 1_000])).map(\.tier) == [.a, .a, .c])
        // Shares before: 0%, 69.99%, 89.99%.
        #expect(try ABCTiering().tiers(customers([6_999, 2_000, 1_001])).map(\.tier) == [.a, .a, .b])
    }

    @Test("the top customer is always A")
    func topIsA() throws {
        #expect(try ABCTiering().tiers(customers([9_500, 500])).map(\.tier) == [.a, .c])
        #expect(try ABCTiering().tiers(customers([1])).map(\.tier) == [.a])
    }

    @Test("equal amounts are ranked by customer id")
    func ties() throws {
        let input = [summary(5, 1, 1, 4_000), summary(4, 1, 1, 3_000), summary(3, 1, 1, 3_000)]
        let tiers = try ABCTiering().tiers(input)
        // Order: 5 (before 0%), 3 (before 40%), 4 (before 70%).
        #expect(tiers.map(\.customerID) == [5, 4, 3])
        #expect(tiers.map(\.rank) == [1, 3, 2])
        #expect(tiers.map(\.tier) == [.a, .b, .a])
    }

    @Test("customers without revenue are D")
    func tierD() throws {
        let input = [summary(1, 3, 2, 5_000), summary(2, 400, 0, 0), summary(3, 5, 1, -200), summary(4, 5, 1, 0)]
        let tiers = try ABCTiering().tiers(input)
        #expect(tiers.map(\.tier) == [.a, .d, .d, .d])
        #expect(tiers[1].rank == nil && tiers[1].shareBefore == nil)
        #expect(try ABCTiering().tiers([summary(1, 3, 0, 0)]).map(\.tier) == [.d])
    }

    @Test("cut-offs are configurable; with b = 1 there is no C")
    func customCutoffs() throws {
        let half = try ABCTiering(aCutoff: 0.5, bCutoff: 1)
        #expect(half.aCutoffBasisPoints == 5_000 && half.bCutoffBasisPoints == 10_000)
        #expect(try half.tiers(customers([4_000, 1_000, 3_000, 2_000])).map(\.tier) == [.a, .b, .a, .b])
        let fine = try ABCTiering(aCutoffBasisPoints: 1, bCutoffBasisPoints: 2)
        #expect(try fine.tiers(customers([10_000, 1, 1])).map(\.tier) == [.a, .c, .c])
        #expect(try ABCTiering(aCutoff: 0.7, bCutoff: 0.9) == ABCTiering())
    }

    @Test("cut-offs out of order or range are refused")
    func invalidCutoffs() {
        for (a, b) in [(0, 9_000), (7_000, 7_000), (8_000, 7_000), (7_000, 10_001), (-1, 5_000)] {
            #expect(throws: ScoreModelError.self) { try ABCTiering(aCutoffBasisPoints: a, bCutoffBasisPoints: b) }
        }
        for (a, b) in [(0.0, 0.9), (0.9, 0.7), (0.7, 1.01), (.nan, 0.9), (0.7, .infinity)] {
            #expect(throws: ScoreModelError.self) { try ABCTiering(aCutoff: a, bCutoff: b) }
        }
    }

    @Test("shares are exact even when the total overflows Int64")
    func hugeAmounts() throws {
        // Ten equal amounts: shares before are exactly 0%, 10%, …, 90%.
        let amount = Int64.max / 4
        let tiers = try ABCTiering().tiers(customers(Array(repeating: amount, count: 10)))
        #expect(tiers.map(\.tier) == [.a, .a, .a, .a, .a, .a, .a, .b, .b, .c])
    }
}
