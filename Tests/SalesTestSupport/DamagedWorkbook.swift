import Foundation

/// A copy of a workbook whose zip entry `part` is renamed to `renamed` (a name of the same length), in
/// both the local header and the central directory. The package stays a valid zip (names are not under
/// the CRC), but every relationship that pointed at `part` now points at a part that is not there: the
/// damage of a workbook one of whose sheets was lost.
public func workbookWithPartRenamed(_ source: URL, part: String, to renamed: String, in directory: URL) throws -> URL {
    precondition(part.utf8.count == renamed.utf8.count, "a renamed part keeps its name's length")
    var bytes = [UInt8](try Data(contentsOf: source))
    let from = Array(part.utf8)
    let to = Array(renamed.utf8)
    var replaced = 0
    var i = 0
    while i + from.count <= bytes.count {
        if bytes[i] == from[0] && Array(bytes[i..<(i + from.count)]) == from {
            bytes.replaceSubrange(i..<(i + from.count), with: to)
            replaced += 1
            i += from.count
        } else {
            i += 1
        }
    }
    precondition(replaced == 2, "\(part) is named \(replaced) times in \(source.lastPathComponent), not twice")
    let copy = directory.appendingPathComponent("damaged-" + source.lastPathComponent)
    try Data(bytes).write(to: copy)
    return copy
}
