/// A raw zip writer for hostile packages: every header field can be made to lie.
///
/// Unlike XLSX's own writer it checks nothing: sizes, CRCs, names and offsets are whatever the
/// entry says, so it can write duplicate names, overlapping entries, zip64 fields declaring a
/// terabyte, local names that differ from central ones, and so on.
struct RawZip {
    struct Entry {
        /// The name in the central directory.
        var name: String
        /// The uncompressed content.
        var content: [DeflateSegment]
        /// 8 deflates the content, 0 stores it; any other value stores the bytes but declares that method.
        var method: UInt16 = 8
        /// The name in the local header, when it should differ from the central one.
        var localName: String?
        /// Overrides for what both headers declare.
        var declaredCRC: UInt32?
        var declaredSize: UInt64?
        var declaredCompressedSize: UInt64?
        /// The general-purpose flags (bit 0: encrypted).
        var flags: UInt16 = 0
        /// Declares this uncompressed size through a zip64 extra field in the central directory.
        var zip64Size: UInt64?
        /// Replaces the stored (compressed) bytes, e.g. with a truncated stream.
        var payloadOverride: ((_ payload: [UInt8]) -> [UInt8])?
        /// Points the central record at the local header of the entry with this index.
        var centralOffsetOfEntry: Int?

        init(_ name: String, _ content: [DeflateSegment], method: UInt16 = 8) {
            self.name = name
            self.content = content
            self.method = method
        }

        init(_ name: String, _ text: String, method: UInt16 = 8) {
            self.init(name, [.text(text)], method: method)
        }
    }

    var entries: [Entry] = []
    /// Writes a zip64 end record and locator declaring this many entries.
    var zip64EntryCount: UInt64?

    /// Index of the first entry with this name.
    func index(of name: String) -> Int? { entries.firstIndex { $0.name == name } }

    mutating func modify(_ name: String, _ change: (inout Entry) -> Void) {
        guard let i = index(of: name) else { preconditionFailure("no entry \(name)") }
        change(&entries[i])
    }

    func bytes() -> [UInt8] {
        var out: [UInt8] = []
        var central: [UInt8] = []
        var offsets: [UInt64] = []
        for e in entries {
            var payload = e.method == 8 ? RawDeflate.compress(e.content) : e.content.materialized
            if let change = e.payloadOverride { payload = change(payload) }
            let crc = e.declaredCRC ?? CRC32.of(e.content)
            let size = e.declaredSize ?? UInt64(e.content.totalLength)
            let compressed = e.declaredCompressedSize ?? UInt64(payload.count)
            let name = Array(e.name.utf8)
            let localName = Array((e.localName ?? e.name).utf8)
            let offset = UInt64(out.count)
            offsets.append(offset)
            // Local header: version 20, flags, method, time 00:00, date 1980-01-01.
            out += le32(0x0403_4B50) + le16(20) + le16(e.flags) + le16(e.method) + le16(0) + le16(0x21)
            out += le32(crc) + le32(UInt32(truncatingIfNeeded: compressed)) + le32(UInt32(truncatingIfNeeded: size))
            out += le16(UInt16(localName.count)) + le16(0) + localName + payload

            var extra: [UInt8] = []
            var size32 = UInt32(truncatingIfNeeded: size)
            if let big = e.zip64Size {
                extra = le16(1) + le16(8) + le64(big)
                size32 = 0xFFFF_FFFF
            }
            let centralOffset = e.centralOffsetOfEntry.map { offsets[$0] } ?? offset
            central += le32(0x0201_4B50) + le16(45) + le16(20) + le16(e.flags) + le16(e.method) + le16(0) + le16(0x21)
            central += le32(crc) + le32(UInt32(truncatingIfNeeded: compressed)) + le32(size32)
            central += le16(UInt16(name.count)) + le16(UInt16(extra.count)) + le16(0) + le16(0) + le16(0) + le32(0)
            central += le32(UInt32(truncatingIfNeeded: centralOffset)) + name + extra
        }
        let cdOffset = UInt64(out.count)
        out += central
        var count16 = UInt16(entries.count)
        if let declared = zip64EntryCount {
            let recordOffset = UInt64(out.count)
            out += le32(0x0606_4B50) + le64(44) + le16(45) + le16(45) + le32(0) + le32(0)
            out += le64(declared) + le64(declared) + le64(UInt64(central.count)) + le64(cdOffset)
            out += le32(0x0706_4B50) + le32(0) + le64(recordOffset) + le32(1)
            count16 = 0xFFFF
        }
        out += le32(0x0605_4B50) + le16(0) + le16(0) + le16(count16) + le16(count16)
        out += le32(UInt32(central.count)) + le32(UInt32(cdOffset)) + le16(0)
        return out
    }
}

func le16(_ v: UInt16) -> [UInt8] { [UInt8(v & 0xFF), UInt8(v >> 8)] }
func le32(_ v: UInt32) -> [UInt8] { le16(UInt16(v & 0xFFFF)) + le16(UInt16(v >> 16)) }
func le64(_ v: UInt64) -> [UInt8] { le32(UInt32(v & 0xFFFF_FFFF)) + le32(UInt32(v >> 32)) }
