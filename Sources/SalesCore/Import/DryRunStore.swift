import Foundation

/// The store an import writes to; for a dry run against a store that does not exist yet, a throwaway
/// copy of an empty one, so that a rehearsal never creates the user's file.
public struct DryRunStore {
    public let store: Store
    private let scratch: URL?

    public static func open(_ path: String, dryRun: Bool) throws -> DryRunStore {
        if dryRun && !FileManager.default.fileExists(atPath: path) {
            let dir = FileManager.default.temporaryDirectory
                .appendingPathComponent(
                    "sales-dry-run-\(ProcessInfo.processInfo.processIdentifier)-\(UUID().uuidString)")
            try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
            return DryRunStore(store: try Store.open(path: dir.appendingPathComponent("sales.db").path), scratch: dir)
        }
        return DryRunStore(store: try Store.open(path: path), scratch: nil)
    }

    public func close() {
        store.close()
        if let scratch { try? FileManager.default.removeItem(at: scratch) }
    }
}
