import Foundation

#if canImport(Glibc)
    import Glibc
#elseif canImport(Musl)
    import Musl
#elseif canImport(Darwin)
    import Darwin
#endif

/// The operating-system account a process runs as: the passwd entry of its effective uid.
///
/// The kernel's uid is the only source: `$USER` and `$LOGNAME` are set by whoever starts the process and
/// are never read. A uid without a passwd entry has no name, so nothing that records who acted can run
/// under it.
public struct SystemAccount: Sendable, Equatable {
    /// The effective uid.
    public var uid: UInt32
    /// The passwd entry's name (`pw_name`).
    public var login: String
    /// The passwd entry's home folder (`pw_dir`).
    public var home: String

    /// An account from its parts.
    public init(uid: UInt32, login: String, home: String) {
        self.uid = uid
        self.login = login
        self.home = home
    }

    /// The account of the process's effective uid.
    /// - Parameter lookup: finds a uid's passwd entry (``passwdEntry(uid:)``; tests inject their own).
    /// - Throws: ``AccountError`` when the uid has no passwd entry.
    public static func effective(
        uid: UInt32 = UInt32(geteuid()), lookup: (UInt32) -> SystemAccount? = passwdEntry(uid:)
    ) throws -> SystemAccount {
        guard let account = lookup(uid), !account.login.isEmpty else { throw AccountError(uid: uid) }
        return account
    }

    /// The passwd entry of `uid` (`getpwuid_r`), or `nil` when there is none.
    public static func passwdEntry(uid: UInt32) -> SystemAccount? {
        var entry = passwd()
        var result: UnsafeMutablePointer<passwd>?
        var size = 1024
        while true {
            var buffer = [CChar](repeating: 0, count: size)
            let status = getpwuid_r(uid_t(uid), &entry, &buffer, size, &result)
            if status == ERANGE, size < 1 << 20 {
                size *= 4
                continue
            }
            guard status == 0, result != nil, let name = entry.pw_name else { return nil }
            return SystemAccount(
                uid: uid, login: String(cString: name), home: entry.pw_dir.map { String(cString: $0) } ?? "")
        }
    }
}

/// The process's effective uid has no passwd entry, so it cannot be named.
public struct AccountError: Error, LocalizedError, Sendable, Equatable {
    /// The uid without an entry.
    public var uid: UInt32

    /// The error for `uid`.
    public init(uid: UInt32) { self.uid = uid }

    public var errorDescription: String? {
        "uid \(uid) has no passwd entry, so this process has no account name to act or record as "
            + "($USER and $LOGNAME are not used); run it as an account listed in the passwd database"
    }
}
