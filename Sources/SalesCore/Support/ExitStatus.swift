import Foundation
import XLSX

/// The one map from errors to process exit codes, shared by every `sales-*` tool.
///
/// Codes follow BSD `sysexits.h`, so scripts can tell bad input from a busy or broken store.
/// `docs/exit-codes.md` lists them.
public enum ExitStatus {
    /// Success.
    public static let ok: Int32 = 0
    /// Something the tool did not expect; please report it.
    public static let internalError: Int32 = 1
    /// Bad arguments (ArgumentParser's own usage errors exit 64 too).
    public static let usage: Int32 = 64
    /// The input file is unreadable as what it claims to be (format, content, or rows that break rules).
    public static let dataError: Int32 = 65
    /// The input file does not exist or cannot be opened.
    public static let noInput: Int32 = 66
    /// A read or write failed at the operating-system level (including a full disk).
    public static let ioError: Int32 = 74
    /// The store stayed locked by another process past the wait limit; try again.
    public static let tempFailure: Int32 = 75
    /// The store is damaged, too new, or not a store.
    public static let storeError: Int32 = 76
    /// The acting person may not do this.
    public static let noPermission: Int32 = 77

    /// The exit code for an error.
    public static func code(for error: any Error) -> Int32 {
        switch error {
        case let e as XLSXError:
            switch e.kind {
            case .cannotOpen: return noInput
            case .io: return ioError
            default: return dataError
            }
        case let e as StoreError:
            switch e.kind {
            case .busy: return tempFailure
            case .full, .ioError: return ioError
            case .cantOpen: return noInput
            case .readOnly: return noPermission
            default: return storeError
            }
        case is InspectError:
            return usage
        case let e as CSVError:
            switch e.kind {
            case .cannotOpen: return noInput
            case .readFailed: return ioError
            default: return dataError
            }
        case let e as ImportError:
            switch e {
            case .batch: return usage
            case .mapping, .mappingFile, .nothingToImport, .undoConflict: return dataError
            }
        case let e as ApprovalError:
            switch e.kind {
            case .refused, .alreadyDecided: return noPermission
            case .notFound, .invalid: return dataError
            case .cannotOpen: return noInput
            case .io: return ioError
            }
        case let e as PlanError:
            switch e.kind {
            case .usage: return usage
            case .data: return dataError
            case .noInput: return noInput
            case .io: return ioError
            }
        case let e as ScoreError:
            return e.isIO ? ioError : dataError
        case is PolicyError:
            return dataError
        case let e as MetricsError:
            switch e {
            case .invalidPeriod, .invalidComparison, .invalidScope: return usage
            case .unknownRegion, .unknownTeam, .storedAmount: return dataError
            }
        case let e as ExportError:
            return e.isIO ? ioError : usage
        case is AccountError:
            return noPermission
        case let e as AuditError:
            if case .anchorFile = e { return noInput }
            return storeError
        default:
            return internalError
        }
    }

    /// The one-line message for an error.
    public static func message(for error: any Error) -> String {
        let text = (error as? any LocalizedError)?.errorDescription ?? String(describing: error)
        // One line, and no control character that could rewrite the terminal (text may come from a store).
        return TerminalText.visible(text.replacingNewlines())
    }
}
