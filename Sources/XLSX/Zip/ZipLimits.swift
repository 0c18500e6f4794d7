/// Caps that keep a hostile package from exhausting memory, disk or time.
///
/// Sizes are checked against bytes actually inflated, never only against what headers claim.
public struct XLSXLimits: Sendable, Hashable {
    /// Most entries a package may list.
    public var maxEntries: Int = 10_000
    /// Most bytes one part may inflate to.
    public var maxPartBytes: UInt64 = 4 << 30
    /// Most bytes all parts read from one package may inflate to, together.
    public var maxTotalBytes: UInt64 = 8 << 30
    /// Highest inflated-to-compressed ratio accepted for parts past ``ratioFloorBytes``.
    public var maxCompressionRatio: UInt64 = 200
    /// Parts smaller than this are exempt from the ratio check (tiny parts compress very well).
    public var ratioFloorBytes: UInt64 = 16 << 20
    /// Most bytes of an XML part read whole into memory (workbook, relationships, styles).
    public var maxMetadataPartBytes: UInt64 = 64 << 20
    /// Most shared strings.
    public var maxSharedStrings: Int = 16_000_000
    /// Most bytes of shared-string text held in memory.
    public var maxSharedStringBytes: Int = 1 << 30
    /// Longest text a cell may hold, in characters (Excel's own limit).
    public var maxCellCharacters: Int = 32_767
    /// Most sheets a workbook may list.
    public var maxSheets: Int = 4_096
    /// Most XML elements a worksheet's `sheetData` may hold between one cell or row and the next. A real
    /// cell holds a handful (`c`, `v`, `f`, an inline string's runs); markup in such numbers is a flood
    /// meant to keep the reader busy, and is refused quickly instead of parsed for minutes.
    public var maxElementsBetweenCells: Int = 1_000_000

    public init() {}

    public static let `default` = XLSXLimits()
}
