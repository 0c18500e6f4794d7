import ArgumentParser
import Foundation
import SalesCore

/// `--db PATH`, shared by every tool: the store file, else `$SALES_DB`, else `./sales.db`.
public struct StoreOptions: ParsableArguments {
    @Option(name: .long, help: ArgumentHelp("The store file (default: $SALES_DB, else ./sales.db).", valueName: "path"))
    public var db: String?

    public init() {}

    /// The store's path after applying the default order.
    public var path: String { Store.resolvePath(explicit: db) }

    /// Opens (creating and migrating as needed) the store.
    public func open(readOnly: Bool = false) throws -> Store {
        try Store.open(path: path, readOnly: readOnly)
    }

    /// Opens the store only if the file exists: for commands that read what other commands wrote, so a
    /// mistyped path is an error rather than a new empty store.
    public func openExisting() throws -> Store {
        guard FileManager.default.fileExists(atPath: path) else {
            throw StoreError(
                kind: .cantOpen, code: 14, message: "no store at this path (check --db or $SALES_DB)",
                path: path)
        }
        return try Store.open(path: path)
    }
}

/// Runs a tool's body; any error becomes one line on stderr (`tool: message`) and the shared exit code.
public func runReportingErrors(tool: String, _ body: () throws -> Void) throws {
    do {
        try body()
        OutputBuffer.standardOutput.flush()
    } catch let exit as ExitCode {
        OutputBuffer.standardOutput.flush()
        throw exit
    } catch let invalid as ValidationError {
        // A value checked inside run() (an amount, a date) is a usage error, like one ArgumentParser finds.
        OutputBuffer.standardOutput.flush()
        OutputBuffer.standardError.write("\(tool): \(invalid.message)\n")
        throw ExitCode(ExitStatus.usage)
    } catch {
        OutputBuffer.standardOutput.flush()
        Progress.clear()
        OutputBuffer.standardError.write("\(tool): \(ExitStatus.message(for: error))\n")
        throw ExitCode(ExitStatus.code(for: error))
    }
}

/// The operating-system account running the tool: the passwd entry of the effective uid, never `$USER`.
/// - Throws: ``AccountError`` when the uid has no passwd entry.
public func currentUserName() throws -> String {
    try SystemAccount.effective().login
}

/// The signing key file of the account running the tool (``SigningKeyFile``): under `$XDG_CONFIG_HOME`,
/// else the passwd entry's home folder.
/// - Throws: ``AccountError`` when the uid has no passwd entry.
public func currentKeyFile() throws -> SigningKeyFile {
    SigningKeyFile(account: try SystemAccount.effective(), environment: ProcessInfo.processInfo.environment)
}

/// A one-line progress display on standard error, shown only on a terminal and redrawn at most 10 times a second.
public final class Progress: @unchecked Sendable {
    private let lock = NSLock()
    private var lastDraw = Date.distantPast
    private let start = Date()
    private var visible = false
    private static let shared = Progress()
    private static let enabled = Terminal.isTerminal(2)

    /// Shows `text`, replacing the previous progress line.
    public static func show(_ text: String, force: Bool = false) {
        guard enabled else { return }
        shared.draw(text, force: force)
    }

    /// Removes the progress line, so the next output starts on a clean line.
    public static func clear() {
        guard enabled else { return }
        shared.lock.lock()
        defer { shared.lock.unlock() }
        if shared.visible {
            FileHandle.standardError.write(Data("\r\u{1B}[K".utf8))
            shared.visible = false
        }
    }

    /// Seconds since the tool started.
    public static var elapsed: Double { Date().timeIntervalSince(shared.start) }

    private func draw(_ text: String, force: Bool) {
        lock.lock()
        defer { lock.unlock() }
        let now = Date()
        guard force || now.timeIntervalSince(lastDraw) >= 0.1 else { return }
        lastDraw = now
        let line = DisplayWidth.fit(text, width: Terminal.width - 1)
        FileHandle.standardError.write(Data(("\r\u{1B}[K" + line).utf8))
        visible = true
    }
}

/// `--lang zh|en`, shared by every tool: the language of labels, by default from `LANG`.
public struct LanguageOptions: ParsableArguments {
    @Option(help: ArgumentHelp("Language of labels: zh or en (default: from LANG).", valueName: "zh|en"))
    public var lang: OutputLanguage?

    public init() {}

    /// `--lang`, else the language `LC_ALL`, `LC_MESSAGES` or `LANG` asks for.
    public var language: OutputLanguage { lang ?? OutputLanguage.fromEnvironment(ProcessInfo.processInfo.environment) }
}

extension OutputLanguage: ExpressibleByArgument {}

/// Writes to standard output (buffered; flushed when the tool finishes).
public func write(_ text: String) { OutputBuffer.standardOutput.write(text) }
