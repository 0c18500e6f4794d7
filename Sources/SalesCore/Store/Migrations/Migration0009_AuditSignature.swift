extension Migrations {
    /// `audit_log.signature`: the Ed25519 signature of the entry's hash by the person who wrote it
    /// (`ed25519:` and base64), or `NULL` for an unsigned entry. It is not part of the hashed canonical
    /// form, so entries written before it keep their hashes; `sales-approve verify` checks it against the
    /// key enrolled for the entry's actor at that point of the log. The index on (`action`, `seq`) finds
    /// the entries that initialise the store and enrol or revoke keys without reading the whole log.
    static let auditSignature = (
        id: "0009_audit_signature",
        sql: """
        ALTER TABLE audit_log ADD COLUMN signature TEXT;
        CREATE INDEX audit_log_action ON audit_log (action, seq);
        """
    )
}
