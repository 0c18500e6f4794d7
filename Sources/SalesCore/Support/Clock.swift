import Foundation

/// Where the tools read the time: the current instant, and today's date in a time zone.
///
/// Every `…_at` column and stamp the tools write comes from ``timestamp()``; tests give a desk a fixed
/// clock instead of the system's.
public struct Clock: Sendable {
    /// The current instant.
    public var now: @Sendable () -> Date
    /// The zone in which ``today()`` is read.
    public var timeZone: TimeZone

    public init(timeZone: TimeZone = .current, now: @escaping @Sendable () -> Date = { Date() }) {
        self.now = now
        self.timeZone = timeZone
    }

    /// The system's clock in the machine's time zone.
    public static var system: Clock { Clock() }

    /// The current instant as ISO 8601 UTC to the second, e.g. `2026-03-01T09:30:00Z`.
    public func timestamp() -> String { Self.timestamp(now()) }

    /// `date` as ISO 8601 UTC to the second, e.g. `2026-03-01T09:30:00Z`.
    public static func timestamp(_ date: Date) -> String { date.formatted(.iso8601) }

    /// Today in ``timeZone``.
    public func today() -> CivilDate {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = timeZone
        let c = calendar.dateComponents([.year, .month, .day], from: now())
        return CivilDate(year: c.year ?? 1970, month: c.month ?? 1, day: c.day ?? 1) ?? CivilDate(daysSinceUnixEpoch: 0)
    }
}
