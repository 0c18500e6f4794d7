import Testing

@testable import XLSX

@Suite("Excel dates")
struct ExcelDateTests {
    private func iso(_ serial: Double, _ system: DateSystem = .excel1900) -> String? {
        ExcelDate.dateTime(serial: serial, system: system)?.isoString
    }

    @Test("1900 system, including the phantom 1900-02-29")
    func system1900() {
        #expect(iso(1) == "1900-01-01T00:00:00")
        #expect(iso(59) == "1900-02-28T00:00:00")
        #expect(iso(60) == "1900-02-28T00:00:00")  // Lotus's 1900-02-29 does not exist
        #expect(iso(61) == "1900-03-01T00:00:00")
        #expect(iso(45_658) == "2025-01-01T00:00:00")
        #expect(iso(46_086.5) == "2026-03-05T12:00:00")
        #expect(iso(2_958_465) == "9999-12-31T00:00:00")
        #expect(iso(2_958_467) == nil)
        #expect(iso(-1) == nil)
        #expect(iso(.nan) == nil)
    }

    @Test("1904 system")
    func system1904() {
        #expect(iso(0, .excel1904) == "1904-01-01T00:00:00")
        #expect(iso(44_196, .excel1904) == "2025-01-01T00:00:00")
    }

    @Test("milliseconds are rounded, never lost to a day boundary")
    func milliseconds() {
        #expect(iso(45_658 + 0.5 / 86_400) == "2025-01-01T00:00:00.500")
        #expect(iso(45_658.999_999_999_9) == "2025-01-02T00:00:00")
    }

    @Test("serial and date convert both ways", arguments: [DateSystem.excel1900, .excel1904])
    func roundTrip(system: DateSystem) {
        for serial in stride(from: 1500.0, to: 60_000, by: 997.25) {
            guard let date = ExcelDate.dateTime(serial: serial, system: system) else {
                Issue.record("no date for \(serial)")
                continue
            }
            #expect(ExcelDate.serial(date, system: system) == serial)
        }
        let early = ExcelDateTime(year: 1900, month: 1, day: 1)
        #expect(ExcelDate.serial(early, system: .excel1900) == 1)
    }

    @Test("civil calendar validity")
    func validity() {
        #expect(ExcelDate.isValid(year: 2024, month: 2, day: 29))
        #expect(!ExcelDate.isValid(year: 2026, month: 2, day: 29))
        #expect(!ExcelDate.isValid(year: 1900, month: 2, day: 29))
        #expect(ExcelDate.isValid(year: 2000, month: 2, day: 29))
        #expect(!ExcelDate.isValid(year: 2026, month: 13, day: 1))
    }
}
