import Testing

@testable import SalesCore

@Suite("Eight-cell segments")
struct ScoreSegmentTests {
    @Test("codes and names of the eight segments")
    func names() {
        let expected: [(Segment, String, String, String)] = [
            (.importantValue, "important_value", "重要价值", "Important value"),
            (.importantDevelopment, "important_development", "重要发展", "Important development"),
            (.importantRetention, "important_retention", "重要保持", "Important retention"),
            (.importantWinBack, "important_win_back", "重要挽留", "Important win-back"),
            (.generalValue, "general_value", "一般价值", "General value"),
            (.generalDevelopment, "general_development", "一般发展", "General development"),
            (.generalRetention, "general_retention", "一般保持", "General retention"),
            (.generalWinBack, "general_win_back", "一般挽留", "General win-back"),
        ]
        #expect(Segment.allCases == expected.map(\.0))
        for (segment, code, chinese, english) in expected {
            #expect(segment.code == code)
            #expect(Segment(rawValue: code) == segment)
            #expect(segment.chineseName == chinese)
            #expect(segment.englishName == english)
        }
    }

    @Test("the three comparisons pick the cell, and the cell gives them back")
    func cells() {
        for recent in [false, true] {
            for frequent in [false, true] {
                for high in [false, true] {
                    let s = Segment(recent: recent, frequent: frequent, highValue: high)
                    #expect(s.isRecent == recent && s.isFrequent == frequent && s.isHighValue == high)
                }
            }
        }
        #expect(Segment(recent: true, frequent: false, highValue: true) == .importantDevelopment)
        #expect(Segment(recent: false, frequent: true, highValue: true) == .importantRetention)
        #expect(Segment(recent: false, frequent: false, highValue: true) == .importantWinBack)
        #expect(Segment(recent: true, frequent: true, highValue: false) == .generalValue)
    }

    @Test("customers against the means of recency, frequency and amount")
    func classify() throws {
        // Means: recency 25 days, frequency 3, amount 55 yuan.
        let customers = [
            summary(1, 10, 5, 10_000), summary(2, 20, 1, 10_000),
            summary(3, 30, 5, 1_000), summary(4, 40, 1, 1_000),
        ]
        let result = try Segment.classify(customers)
        #expect(
            result.assignments.map(\.segment)
                == [.importantValue, .importantDevelopment, .generalRetention, .generalWinBack])
        #expect(result.assignments.map(\.customerID) == [1, 2, 3, 4])
        #expect(result.means == SegmentMeans(activeCustomers: 4, recencyDays: 25, frequency: 3, monetaryCents: 5_500))
    }

    @Test("a value equal to its mean counts as the low side")
    func equalToMean() throws {
        // Means: recency 20, frequency 2, amount 200 cents; customer 2 sits exactly on all three.
        let customers = [summary(1, 10, 1, 100), summary(2, 20, 2, 200), summary(3, 30, 3, 300)]
        #expect(
            try Segment.classify(customers).assignments.map(\.segment)
                == [.generalDevelopment, .generalWinBack, .importantRetention])
    }

    @Test("customers without orders in the window are general win-back and stay out of the means")
    func inactive() throws {
        let customers = [summary(1, 10, 4, 800), summary(2, 30, 2, 200), summary(3, 500, 0, 0)]
        let result = try Segment.classify(customers)
        #expect(result.assignments.map(\.segment) == [.importantValue, .generalWinBack, .generalWinBack])
        #expect(result.means?.activeCustomers == 2)
        #expect(result.means?.recencyDays == 20)
        let none = try Segment.classify([summary(9, 400, 0, 0)])
        #expect(none.means == nil)
        #expect(none.assignments.map(\.segment) == [.generalWinBack])
    }

    @Test("the comparison with the mean is exact where a Double mean is not")
    func exactMeans() throws {
        // The mean amount is Int64.max − 1/3: the sum overflows Int64 and a Double mean would equal all three.
        let top = Int64.max
        let customers = [summary(1, 5, 1, top), summary(2, 5, 1, top), summary(3, 5, 1, top - 1)]
        let flags = try Segment.classify(customers).assignments.map(\.segment.isHighValue)
        #expect(flags == [true, true, false])
    }
}
