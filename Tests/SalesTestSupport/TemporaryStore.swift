import Foundation
import SalesCore

/// A new, empty folder under the system's temporary directory, unique to this call.
///
/// - Parameter prefix: the start of the folder's name, to recognise leftovers.
public func temporaryDirectory(prefix: String = "sales-tests") throws -> URL {
    let url = FileManager.default.temporaryDirectory
        .appendingPathComponent(
            "\(prefix)-\(ProcessInfo.processInfo.processIdentifier)-\(UUID().uuidString)",
            isDirectory: true)
    try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    return url
}

/// A path for a database file that does not exist yet, in a fresh temporary folder.
public func temporaryDatabasePath(name: String = "sales.db") throws -> String {
    try temporaryDirectory().appendingPathComponent(name).path
}

/// A freshly created and migrated store in a temporary folder.
public func makeTempStore(options: Store.Options = Store.Options()) throws -> Store {
    try Store.open(path: temporaryDatabasePath(), options: options)
}
