import Foundation

/// The outcome of running one of the built `sales-*` executables.
public struct ToolRun: Sendable {
    public var status: Int32
    public var stdout: String
    public var stderr: String
    public var stdoutData: Data
}

/// The folder holding the built products (the test bundle's own folder, e.g. `.build/debug`).
public func productsDirectory() -> URL {
    URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent()
}

/// The repository's root, found from this file's location (Tests/SalesTestSupport/Tools.swift).
public func repositoryRoot() -> URL {
    let here: String = #filePath
    return URL(fileURLWithPath: here).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent()
}

/// A committed fixture, e.g. `fixtureURL("demo-company.xlsx")`.
public func fixtureURL(_ name: String) -> URL {
    repositoryRoot().appendingPathComponent("Fixtures").appendingPathComponent(name)
}

/// The shared conformance corpus (`$SALES_XLSX_CORPUS`, else `../shared/xlsx-corpus` beside the repository).
public func corpusURL() -> URL? {
    if let env = ProcessInfo.processInfo.environment["SALES_XLSX_CORPUS"] { return URL(fileURLWithPath: env) }
    let candidate = repositoryRoot().appendingPathComponent("../shared/xlsx-corpus").standardizedFileURL
    return FileManager.default.fileExists(atPath: candidate.appendingPathComponent("expected.json").path)
        ? candidate : nil
}

/// Runs a built tool with arguments and environment additions, and waits for it.
/// - Parameter launcher: a command that runs the tool, e.g. `["/usr/bin/setpriv", "--reuid", "54321", …]`;
///   the tool's path and `arguments` follow it.
public func runTool(
    _ name: String, _ arguments: [String], environment: [String: String] = [:],
    currentDirectory: URL? = nil, launcher: [String] = []
) throws -> ToolRun {
    let process = Process()
    let tool = productsDirectory().appendingPathComponent(name)
    if let first = launcher.first {
        process.executableURL = URL(fileURLWithPath: first)
        process.arguments = launcher.dropFirst() + [tool.path] + arguments
    } else {
        process.executableURL = tool
        process.arguments = arguments
    }
    var env = ProcessInfo.processInfo.environment
    for (k, v) in environment { env[k] = v }
    process.environment = env
    if let currentDirectory { process.currentDirectoryURL = currentDirectory }
    let out = Pipe()
    let err = Pipe()
    process.standardOutput = out
    process.standardError = err
    process.standardInput = FileHandle.nullDevice
    try process.run()
    // Read both pipes concurrently so a full pipe never blocks the child.
    let errData = Collected<Data>()
    let reader = Thread { errData.append(err.fileHandleForReading.readDataToEndOfFile()) }
    reader.start()
    let outData = out.fileHandleForReading.readDataToEndOfFile()
    process.waitUntilExit()
    while errData.values.isEmpty { Thread.sleep(forTimeInterval: 0.001) }
    return ToolRun(
        status: process.terminationStatus,
        stdout: String(decoding: outData, as: UTF8.self),
        stderr: String(decoding: errData.values[0], as: UTF8.self),
        stdoutData: outData)
}
