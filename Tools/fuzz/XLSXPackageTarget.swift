// libFuzzer target: any bytes as an .xlsx package, read through every sheet.
// Built by Tools/fuzz/fuzz.sh together with the XLSX module's sources (one module, so internals are visible).
import Foundation

private let scratch: String = {
    let path = NSTemporaryDirectory() + "fuzz-xlsx-\(getpid()).xlsx"
    return path
}()

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzXLSXPackage(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let bytes = Data(bytes: data, count: size)
    guard FileManager.default.createFile(atPath: scratch, contents: bytes) else { return 0 }
    // Errors are expected (most inputs are not packages); crashes, hangs, leaks and memory errors are not.
    guard let workbook = try? Workbook(path: scratch) else { return 0 }
    for sheet in workbook.sheets {
        _ = try? workbook.readSheet(sheet, maxRow: 2_000) { row in _ = row }
    }
    return 0
}
