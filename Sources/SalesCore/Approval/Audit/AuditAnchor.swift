import Foundation
import XLSX

/// A head of the audit log saved outside the database, to check the log against later.
///
/// The chain alone cannot tell a log cut short from a log that never grew: entries removed from the
/// end leave an intact shorter chain. An anchor saved earlier (`verify --save-anchor FILE`) names the
/// entry and hash that must still be there (`verify --anchor FILE`). Keep it where the database's
/// writers cannot change it. The file is small JSON: `{"hash":"<64 hex>","seq":42}`.
public struct AuditAnchor: Sendable, Equatable, Codable {
    /// The entry's sequence number (1, 2, …).
    public var seq: Int64
    /// The entry's hash: 64 lowercase hex digits.
    public var hash: String

    public init(seq: Int64, hash: String) {
        self.seq = seq
        self.hash = hash
    }

    /// Writes the anchor to `path` as JSON, replacing the file atomically.
    ///
    /// - Throws: ``AuditError/anchorFile(path:reason:)``.
    public func save(to path: String) throws {
        do {
            var data = try JSONOutput.data(self)
            data.append(UInt8(ascii: "\n"))
            try FileDestination.write(data, to: path)
        } catch {
            throw AuditError.anchorFile(path: path, reason: "cannot be written (\(error.localizedDescription))")
        }
    }

    /// Reads an anchor saved by ``save(to:)``.
    ///
    /// - Throws: ``AuditError/anchorFile(path:reason:)`` for a missing or unreadable file, text that is
    ///   not an anchor, a `seq` below 1 or a hash that is not 64 lowercase hex digits.
    public static func load(from path: String) throws -> AuditAnchor {
        let data: Data
        do {
            data = try Data(contentsOf: URL(fileURLWithPath: path))
        } catch {
            throw AuditError.anchorFile(path: path, reason: "cannot be read (\(error.localizedDescription))")
        }
        let anchor: AuditAnchor
        do {
            anchor = try JSONDecoder().decode(AuditAnchor.self, from: data)
        } catch {
            throw AuditError.anchorFile(path: path, reason: "is not an anchor file (expected {\"hash\":…,\"seq\":…})")
        }
        guard anchor.seq >= 1 else {
            throw AuditError.anchorFile(path: path, reason: "seq \(anchor.seq) is not an entry number")
        }
        guard AuditCanonical.digest(fromHex: anchor.hash) != nil else {
            throw AuditError.anchorFile(path: path, reason: "hash '\(anchor.hash)' is not 64 lowercase hex digits")
        }
        return anchor
    }
}
