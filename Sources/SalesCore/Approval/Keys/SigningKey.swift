import Crypto
import Foundation

#if canImport(Glibc)
    import Glibc
#elseif canImport(Musl)
    import Musl
#elseif canImport(Darwin)
    import Darwin
#endif

/// An Ed25519 public key as the store and the command line write it: `ed25519:<base64 of 32 bytes>`.
public struct PublicKeyText: Sendable, Equatable, Hashable, CustomStringConvertible {
    /// The key's 32 bytes.
    public var rawRepresentation: Data

    /// The key from its text, or `nil` when the text is not `ed25519:` and the base64 of 32 bytes.
    public init?(_ text: String) {
        guard text.hasPrefix(Self.prefix),
            let bytes = Data(base64Encoded: String(text.dropFirst(Self.prefix.count))), bytes.count == 32,
            (try? Curve25519.Signing.PublicKey(rawRepresentation: bytes)) != nil
        else { return nil }
        rawRepresentation = bytes
    }

    /// The text of `key`.
    public init(_ key: Curve25519.Signing.PublicKey) { rawRepresentation = key.rawRepresentation }

    /// The key.
    public var key: Curve25519.Signing.PublicKey? {
        try? Curve25519.Signing.PublicKey(rawRepresentation: rawRepresentation)
    }

    /// `ed25519:`
    public static let prefix = "ed25519:"

    /// `ed25519:<base64>`.
    public var description: String { Self.prefix + rawRepresentation.base64EncodedString() }
}

/// Signatures of audit entries: the Ed25519 signature of the 32 bytes of the entry's `hash`, stored in
/// `audit_log.signature` as `ed25519:<base64 of 64 bytes>`.
public enum AuditSignature {
    /// The signature text for the entry whose hash is `hash` (64 hex digits).
    static func sign(hash: String, with key: Curve25519.Signing.PrivateKey) throws -> String {
        let digest = AuditCanonical.digest(fromHex: hash) ?? Array(hash.utf8)
        return PublicKeyText.prefix + (try key.signature(for: digest)).base64EncodedString()
    }

    /// Whether `signature` (as stored) is `key`'s signature of the 32 bytes `digest`.
    static func isValid(_ signature: String, digest: [UInt8], key: Curve25519.Signing.PublicKey) -> Bool {
        guard signature.hasPrefix(PublicKeyText.prefix),
            let bytes = Data(base64Encoded: String(signature.dropFirst(PublicKeyText.prefix.count)))
        else { return false }
        return key.isValidSignature(bytes, for: digest)
    }
}

/// A person's private signing key, kept in their own config folder:
/// `$XDG_CONFIG_HOME/sales-toolkit/signing-key` (default `~/.config/sales-toolkit/signing-key`, the home
/// folder being the account's passwd entry's), the folder mode 0700 and the file 0600.
///
/// The file holds one line, `ed25519-private:<base64 of the 32-byte seed>`. A file that group or others
/// can read, or that another account owns, is refused rather than used.
public struct SigningKeyFile: Sendable, Equatable {
    /// The file's path.
    public var path: String

    /// The file's name inside the folder.
    public static let fileName = "signing-key"
    /// The folder's name inside the config folder.
    public static let folderName = "sales-toolkit"
    private static let prefix = "ed25519-private:"

    /// The key file of `account`: under `$XDG_CONFIG_HOME` when it is set to an absolute path, else under
    /// the account's home folder's `.config`.
    public init(account: SystemAccount, environment: [String: String]) {
        let xdg = environment["XDG_CONFIG_HOME"] ?? ""
        let config = xdg.hasPrefix("/") ? xdg : (account.home as NSString).appendingPathComponent(".config")
        path = ((config as NSString).appendingPathComponent(Self.folderName) as NSString)
            .appendingPathComponent(Self.fileName)
    }

    /// A key file at `path`.
    public init(path: String) { self.path = path }

    /// The folder holding the file.
    public var folder: String { (path as NSString).deletingLastPathComponent }

    /// Creates a new key in the file (the folder 0700, the file 0600) and returns its public key.
    /// - Throws: ``ApprovalError``: `refused` when the file exists already, `io` when it cannot be written.
    public func create() throws -> PublicKeyText {
        if FileManager.default.fileExists(atPath: path) {
            throw ApprovalError(
                .refused, "\(path) exists already; a key is never overwritten (revoke it and move it away first)")
        }
        do {
            try FileManager.default.createDirectory(
                atPath: folder, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o700])
        } catch {
            throw ApprovalError(.io, "\(folder): cannot create the folder (\(error.localizedDescription))")
        }
        guard chmod(folder, 0o700) == 0 else { throw ApprovalError(.io, "\(folder): cannot set its mode to 0700") }
        let key = Curve25519.Signing.PrivateKey()
        let line = Self.prefix + key.rawRepresentation.base64EncodedString() + "\n"
        let fd = open(path, O_WRONLY | O_CREAT | O_EXCL, 0o600)
        guard fd >= 0 else {
            throw ApprovalError(
                errno == EEXIST ? .refused : .io,
                "\(path): cannot create it (\(String(cString: strerror(errno))))")
        }
        defer { close(fd) }
        let bytes = Array(line.utf8)
        guard fchmod(fd, 0o600) == 0, write(fd, bytes, bytes.count) == bytes.count, fsync(fd) == 0 else {
            unlink(path)
            throw ApprovalError(.io, "\(path): cannot write it (\(String(cString: strerror(errno))))")
        }
        return PublicKeyText(key.publicKey)
    }

    /// The key in the file, or `nil` when there is no file.
    /// - Throws: ``ApprovalError``: `refused` when group or others can read it or another account owns it,
    ///   `invalid` when it does not hold a key, `io` when it cannot be read.
    public func load() throws -> Curve25519.Signing.PrivateKey? {
        var info = stat()
        guard stat(path, &info) == 0 else {
            if errno == ENOENT { return nil }
            throw ApprovalError(.io, "\(path): cannot read it (\(String(cString: strerror(errno))))")
        }
        if info.st_mode & 0o077 != 0 {
            throw ApprovalError(
                .refused,
                "\(path) can be read by group or others (mode \(String(info.st_mode & 0o777, radix: 8))); "
                    + "run chmod 600 \(path)")
        }
        if info.st_uid != geteuid() {
            throw ApprovalError(.refused, "\(path) belongs to uid \(info.st_uid), not to this account")
        }
        guard let text = try? String(contentsOfFile: path, encoding: .utf8) else {
            throw ApprovalError(.io, "\(path): cannot read it")
        }
        let body = text.trimmingCharacters(in: .whitespacesAndNewlines)
        guard body.hasPrefix(Self.prefix), let seed = Data(base64Encoded: String(body.dropFirst(Self.prefix.count))),
            let key = try? Curve25519.Signing.PrivateKey(rawRepresentation: seed)
        else { throw ApprovalError(.invalid, "\(path) does not hold a signing key") }
        return key
    }
}
