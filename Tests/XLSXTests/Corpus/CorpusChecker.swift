import Foundation

@testable import XLSX

/// Checks workbooks of the shared conformance corpus against the facts in its `expected.json`.
///
/// Driven entirely by that file, so new corpus files are covered without new code.
struct CorpusChecker {
    struct Outcome {
        var filesChecked = 0
        var filesPassed = 0
        var cellsChecked = 0
        var cellsPassed = 0
        /// Cells that match only with surrounding white space trimmed, in files whose sole reference
        /// reader is python-calamine (which trims it; the specification keeps it, and so does this reader).
        var cellsMatchedTrimmed = 0
        var failures: [String] = []
    }

    let root: URL

    /// The corpus folder: `$SALES_XLSX_CORPUS`, else `../shared/xlsx-corpus` beside the repository.
    static func locate(from file: String = #filePath) -> URL? {
        if let env = ProcessInfo.processInfo.environment["SALES_XLSX_CORPUS"] {
            return URL(fileURLWithPath: env)
        }
        var dir = URL(fileURLWithPath: file).deletingLastPathComponent()
        for _ in 0..<8 {
            let candidate = dir.appendingPathComponent("../shared/xlsx-corpus").standardizedFileURL
            if FileManager.default.fileExists(atPath: candidate.appendingPathComponent("expected.json").path) {
                return candidate
            }
            dir = dir.deletingLastPathComponent()
        }
        return nil
    }

    func run() throws -> Outcome {
        let data = try Data(contentsOf: root.appendingPathComponent("expected.json"))
        guard case .object(let top) = try JSONDecoder().decode(JSONValue.self, from: data),
            case .array(let list) = top["files"]
        else {
            throw XLSXError(.unsupported, "expected.json has no files list")
        }
        let files = list.map(\.any) as? [[String: Any]] ?? []
        var outcome = Outcome()
        for file in files {
            guard let path = file["path"] as? String else { continue }
            outcome.filesChecked += 1
            let before = outcome.failures.count
            check(file, path: path, into: &outcome)
            if outcome.failures.count == before { outcome.filesPassed += 1 }
        }
        return outcome
    }

    /// Corpus reason → the reader's error kinds that express it.
    static func kinds(for reason: String) -> Set<XLSXError.Kind> {
        switch reason {
        case "encrypted": return [.encrypted]
        case "not-a-package": return [.notAPackage, .emptyFile, .textFile, .legacyXLS]
        case "entity-expansion": return [.entityExpansion]
        case "corrupt-zip": return [.corruptZip]
        default: return []
        }
    }

    private func check(_ file: [String: Any], path: String, into outcome: inout Outcome) {
        let url = root.appendingPathComponent(path)
        if file["outcome"] as? String == "reject" {
            let reason = file["reason"] as? String ?? "?"
            let started = Date()
            do {
                let wb = try Workbook(path: url.path, displayName: path)
                for sheet in wb.sheets { _ = try wb.cells(of: sheet) }
                outcome.failures.append("\(path): expected rejection (\(reason)) but it read")
            } catch let error as XLSXError {
                if !Self.kinds(for: reason).contains(error.kind) {
                    outcome.failures.append(
                        "\(path): expected \(reason), got \(error.kind.rawValue): \(error.localizedDescription)")
                }
                if Date().timeIntervalSince(started) > 5 {
                    outcome.failures.append("\(path): rejection took more than 5 s")
                }
            } catch {
                outcome.failures.append("\(path): unexpected error \(error)")
            }
            return
        }
        do {
            let wb = try Workbook(path: url.path, displayName: path)
            if let expected = file["date1904"] as? Bool, expected != wb.date1904 {
                outcome.failures.append("\(path): date1904 \(wb.date1904), expected \(expected)")
            }
            let calamineOnly = (file["checked_by"] as? [Any])?.compactMap { $0 as? String } == ["python-calamine"]
            let sheets = file["sheets"] as? [[String: Any]] ?? []
            let names = sheets.compactMap { $0["name"] as? String }
            if names != wb.sheets.map(\.name) {
                outcome.failures.append("\(path): sheets \(wb.sheets.map(\.name)), expected \(names)")
                return
            }
            for (sheet, info) in zip(sheets, wb.sheets) {
                if let state = sheet["state"] as? String, state != info.state.rawValue {
                    outcome.failures.append("\(path) [\(info.name)]: state \(info.state.rawValue), expected \(state)")
                }
                if let kind = sheet["kind"] as? String, kind != info.kind.rawValue {
                    outcome.failures.append("\(path) [\(info.name)]: kind \(info.kind.rawValue), expected \(kind)")
                }
                guard let cells = sheet["cells"] as? [String: Any] else { continue }
                let actual = try wb.cells(of: info)
                for (ref, expectedValue) in cells {
                    outcome.cellsChecked += 1
                    guard let key = CellReference(ref) else {
                        outcome.failures.append("\(path) [\(info.name)] \(ref): bad reference in expected.json")
                        continue
                    }
                    let got = actual[key]
                    if Self.matches(got, expectedValue) {
                        outcome.cellsPassed += 1
                    } else if calamineOnly, case .text(let text)? = got, let e = expectedValue as? String,
                        text.trimmingCharacters(in: .whitespacesAndNewlines) == e
                    {
                        outcome.cellsPassed += 1
                        outcome.cellsMatchedTrimmed += 1
                    } else {
                        outcome.failures.append(
                            "\(path) [\(info.name)] \(ref): got \(got.map { "\($0)" } ?? "nothing"), expected \(expectedValue)"
                        )
                    }
                }
            }
        } catch {
            outcome.failures.append("\(path): \(error.localizedDescription)")
        }
    }

    /// Numbers compare after rounding to 9 decimal places, as the corpus does.
    static func round9(_ x: Double) -> Double {
        guard abs(x) < 1e15 else { return x }
        return (x * 1e9).rounded() / 1e9
    }

    static func matches(_ got: CellValue?, _ expected: Any) -> Bool {
        guard let got else { return false }
        switch (got, expected) {
        case (.text(let s), let e as String):
            return s == e
        case (.boolean(let b), let e as Bool):
            return b == e
        case (.number(let x), let y as Double):
            return round9(x) == round9(y) || abs(x - y) <= 1e-9 * max(1, abs(y))
        case (_, let e as [String: Any]):
            if let d = e["date"] as? String, case .date(let v) = got { return v.isoString == d }
            if let t = e["time"] as? String, case .time(let v) = got { return v.isoString == t }
            if let n = e["duration_seconds"] as? Double, case .duration(let v) = got {
                return abs(v - n) < 1e-3
            }
            if let s = e["error"] as? String, case .error(let v) = got { return v == s }
            return false
        default:
            return false
        }
    }
}

/// A JSON value that keeps booleans and numbers apart (Foundation's untyped parser does not on Linux).
enum JSONValue: Decodable {
    case null
    case bool(Bool)
    case number(Double)
    case string(String)
    case array([JSONValue])
    case object([String: JSONValue])

    init(from decoder: any Decoder) throws {
        let c = try decoder.singleValueContainer()
        if c.decodeNil() {
            self = .null
        } else if let b = try? c.decode(Bool.self) {
            self = .bool(b)
        } else if let n = try? c.decode(Double.self) {
            self = .number(n)
        } else if let s = try? c.decode(String.self) {
            self = .string(s)
        } else if let a = try? c.decode([JSONValue].self) {
            self = .array(a)
        } else {
            self = .object(try c.decode([String: JSONValue].self))
        }
    }

    /// Plain Swift values: Bool, Double, String, [Any], [String: Any], or NSNull.
    var any: Any {
        switch self {
        case .null: return NSNull()
        case .bool(let b): return b
        case .number(let n): return n
        case .string(let s): return s
        case .array(let a): return a.map(\.any)
        case .object(let o): return o.mapValues(\.any)
        }
    }
}
