import Crypto
import Foundation

/// Incremental SHA-256 (swift-crypto), as lowercase hex.
struct SHA256Hasher {
    private var hasher = SHA256()

    mutating func update(_ data: Data) { hasher.update(data: data) }

    mutating func update(_ text: String) { hasher.update(data: Data(text.utf8)) }

    func hexDigest() -> String {
        hasher.finalize().map { String(format: "%02x", $0) }.joined()
    }
}
