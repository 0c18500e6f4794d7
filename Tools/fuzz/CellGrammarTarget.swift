// libFuzzer target: cell references and numbers, the grammar the sheet reader decodes from attribute bytes.
import Foundation

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzCellGrammar(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let buffer = UnsafeBufferPointer(start: data, count: size)
    if let reference = CellReference.parse(buffer) {
        // A reference that parses is within Excel's grid and prints back to text that parses the same.
        precondition(reference.column >= 1 && reference.column <= 16_384, "column out of range")
        if let row = reference.row {
            precondition(row >= 1 && row <= 1_048_576, "row out of range")
            let text = CellReference(column: reference.column, row: row).description
            precondition(CellReference(text) != nil, "\(text) does not parse back")
        }
    }
    if let value = NumberParsing.parse(buffer) {
        precondition(!value.isNaN || size > 0, "NaN from nothing")
    }
    _ = NumberParsing.parse(String(decoding: buffer, as: UTF8.self))
    return 0
}
