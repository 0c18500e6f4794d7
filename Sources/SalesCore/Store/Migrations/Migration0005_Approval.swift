extension Migrations {
    /// Expense approval (`sales-approve`): the hash-chained audit log, policy versions, each claim's
    /// route and decisions, and delegations. Written once rows are refused changes by triggers: audit
    /// entries, policy versions, decided steps and decisions. The triggers make tampering through SQL
    /// fail loudly; the audit chain makes tampering that goes around them visible to `verify`.
    static let approval = (
        id: "0005_approval",
        sql: """
        CREATE TABLE audit_log (
            seq       INTEGER PRIMARY KEY,
            at        TEXT NOT NULL
                CHECK (at GLOB '[0-9][0-9][0-9][0-9]-[01][0-9]-[0-3][0-9]T[0-2][0-9]:[0-5][0-9]:[0-6][0-9]*Z'),
            actor     TEXT NOT NULL CHECK (actor <> ''),
            action    TEXT NOT NULL CHECK (action <> ''),
            subject   TEXT,
            payload   TEXT NOT NULL CHECK (json_valid(payload)),
            prev_hash TEXT NOT NULL CHECK (length(prev_hash) = 64 AND NOT prev_hash GLOB '*[^0-9a-f]*'),
            hash      TEXT NOT NULL UNIQUE CHECK (length(hash) = 64 AND NOT hash GLOB '*[^0-9a-f]*')
        ) STRICT;
        CREATE INDEX audit_log_subject ON audit_log (subject, seq);

        CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log
        BEGIN
            SELECT RAISE(ABORT, 'audit_log entries cannot be changed or deleted');
        END;
        CREATE TRIGGER audit_log_no_delete BEFORE DELETE ON audit_log
        BEGIN
            SELECT RAISE(ABORT, 'audit_log entries cannot be changed or deleted');
        END;
        -- A new entry continues the chain: seq is exactly max(seq) + 1 and prev_hash the last hash.
        CREATE TRIGGER audit_log_append_only BEFORE INSERT ON audit_log
        BEGIN
            SELECT RAISE(ABORT, 'audit_log seq must be exactly one more than the last entry''s')
            WHERE NEW.seq IS NOT (SELECT coalesce(max(seq), 0) + 1 FROM audit_log);
            SELECT RAISE(ABORT, 'audit_log prev_hash must be the last entry''s hash')
            WHERE NEW.prev_hash IS NOT coalesce((SELECT hash FROM audit_log ORDER BY seq DESC LIMIT 1),
                                                '0000000000000000000000000000000000000000000000000000000000000000');
        END;

        CREATE TABLE approval_policy (
            version     INTEGER PRIMARY KEY,
            name        TEXT NOT NULL,
            policy_toml TEXT NOT NULL,
            file_name   TEXT NOT NULL,
            file_sha256 TEXT NOT NULL CHECK (length(file_sha256) = 64 AND NOT file_sha256 GLOB '*[^0-9a-f]*'),
            loaded_at   TEXT NOT NULL,
            loaded_by   TEXT NOT NULL
        ) STRICT;
        CREATE TRIGGER approval_policy_no_update BEFORE UPDATE ON approval_policy
        BEGIN
            SELECT RAISE(ABORT, 'approval policy versions cannot be changed or deleted; load a new version');
        END;
        CREATE TRIGGER approval_policy_no_delete BEFORE DELETE ON approval_policy
        BEGIN
            SELECT RAISE(ABORT, 'approval policy versions cannot be changed or deleted; load a new version');
        END;

        CREATE TABLE approval_claim (
            expense_id     INTEGER PRIMARY KEY REFERENCES expense (id),
            policy_version INTEGER NOT NULL REFERENCES approval_policy (version),
            round          INTEGER NOT NULL DEFAULT 1 CHECK (round >= 1),
            state          TEXT NOT NULL CHECK (state IN ('pending', 'approved', 'rejected', 'unroutable')),
            amount_cents   INTEGER NOT NULL,
            category       TEXT NOT NULL,
            routed_at      TEXT NOT NULL,
            problem        TEXT,
            split_note     TEXT,
            CHECK ((state = 'unroutable') = (problem IS NOT NULL))
        ) STRICT;
        CREATE INDEX approval_claim_state ON approval_claim (state);
        -- A claim enters approval pending (or unroutable), is approved only when every step of its round is,
        -- rejected only when a step of its round is, never goes back a round, and is never deleted.
        CREATE TRIGGER approval_claim_starts_pending BEFORE INSERT ON approval_claim
        WHEN NEW.state NOT IN ('pending', 'unroutable')
        BEGIN
            SELECT RAISE(ABORT, 'a claim enters approval pending');
        END;
        CREATE TRIGGER approval_claim_state_follows_steps BEFORE UPDATE ON approval_claim
        WHEN NEW.round < OLD.round
          OR (NEW.state = 'approved' AND (
                NOT EXISTS (SELECT 1 FROM approval_step s WHERE s.expense_id = NEW.expense_id AND s.round = NEW.round)
                OR EXISTS (SELECT 1 FROM approval_step s
                           WHERE s.expense_id = NEW.expense_id AND s.round = NEW.round AND s.state <> 'approved')))
          OR (NEW.state = 'rejected' AND NOT EXISTS (
                SELECT 1 FROM approval_step s
                WHERE s.expense_id = NEW.expense_id AND s.round = NEW.round AND s.state = 'rejected'))
        BEGIN
            SELECT RAISE(ABORT, 'a claim is approved or rejected only by the decisions on its steps');
        END;
        CREATE TRIGGER approval_claim_no_delete BEFORE DELETE ON approval_claim
        BEGIN
            SELECT RAISE(ABORT, 'claims under approval cannot be deleted');
        END;

        CREATE TABLE approval_step (
            id            INTEGER PRIMARY KEY,
            expense_id    INTEGER NOT NULL REFERENCES approval_claim (expense_id),
            round         INTEGER NOT NULL,
            position      INTEGER NOT NULL CHECK (position >= 1),
            approver      TEXT NOT NULL,
            reason        TEXT NOT NULL CHECK (reason IN ('manager', 'final', 'category', 'finance', 'dual_control')),
            reason_detail TEXT NOT NULL CHECK (json_valid(reason_detail)),
            in_place_of   TEXT,
            state         TEXT NOT NULL DEFAULT 'pending' CHECK (state IN ('pending', 'approved', 'rejected')),
            UNIQUE (expense_id, round, position)
        ) STRICT;
        CREATE INDEX approval_step_pending ON approval_step (approver) WHERE state = 'pending';
        -- A step is decided once: only pending -> approved/rejected, and nothing else about it changes.
        CREATE TRIGGER approval_step_decided_once BEFORE UPDATE ON approval_step
        WHEN OLD.state <> 'pending' OR NEW.state = 'pending'
             OR NEW.expense_id IS NOT OLD.expense_id OR NEW.round IS NOT OLD.round
             OR NEW.position IS NOT OLD.position OR NEW.approver IS NOT OLD.approver
             OR NEW.reason IS NOT OLD.reason OR NEW.reason_detail IS NOT OLD.reason_detail
             OR NEW.in_place_of IS NOT OLD.in_place_of
        BEGIN
            SELECT RAISE(ABORT, 'approval steps are decided once and cannot be changed');
        END;
        -- A step is decided only by recording the decision: its new state must be the decision's.
        CREATE TRIGGER approval_step_decided_by_decision BEFORE UPDATE OF state ON approval_step
        WHEN NEW.state IS NOT (SELECT decision FROM approval_decision WHERE step_id = NEW.id)
        BEGIN
            SELECT RAISE(ABORT, 'an approval step is decided only with its decision recorded');
        END;
        CREATE TRIGGER approval_step_no_delete BEFORE DELETE ON approval_step
        BEGIN
            SELECT RAISE(ABORT, 'approval steps cannot be deleted');
        END;

        CREATE TABLE approval_decision (
            step_id      INTEGER PRIMARY KEY REFERENCES approval_step (id),
            decision     TEXT NOT NULL CHECK (decision IN ('approved', 'rejected')),
            actor        TEXT NOT NULL,
            on_behalf_of TEXT,
            decided_at   TEXT NOT NULL,
            comment      TEXT,
            flags        TEXT CHECK (flags IS NULL OR json_valid(flags)),
            audit_seq    INTEGER NOT NULL UNIQUE REFERENCES audit_log (seq)
        ) STRICT;
        CREATE TRIGGER approval_decision_no_update BEFORE UPDATE ON approval_decision
        BEGIN
            SELECT RAISE(ABORT, 'approval decisions cannot be changed or deleted');
        END;
        CREATE TRIGGER approval_decision_no_delete BEFORE DELETE ON approval_decision
        BEGIN
            SELECT RAISE(ABORT, 'approval decisions cannot be changed or deleted');
        END;

        CREATE TABLE approval_delegation (
            id           INTEGER PRIMARY KEY,
            from_login   TEXT NOT NULL,
            to_login     TEXT NOT NULL,
            starts_on    TEXT NOT NULL
                CHECK (starts_on GLOB '[0-9][0-9][0-9][0-9]-[01][0-9]-[0-3][0-9]' AND date(starts_on, '+0 days') IS starts_on),
            ends_on      TEXT NOT NULL
                CHECK (ends_on GLOB '[0-9][0-9][0-9][0-9]-[01][0-9]-[0-3][0-9]' AND date(ends_on, '+0 days') IS ends_on),
            created_at   TEXT NOT NULL,
            cancelled_at TEXT,
            CHECK (from_login <> to_login),
            CHECK (ends_on >= starts_on)
        ) STRICT;
        CREATE INDEX approval_delegation_to ON approval_delegation (to_login);
        CREATE TRIGGER approval_delegation_cancel_only BEFORE UPDATE ON approval_delegation
        WHEN OLD.cancelled_at IS NOT NULL OR NEW.cancelled_at IS NULL
             OR NEW.from_login IS NOT OLD.from_login OR NEW.to_login IS NOT OLD.to_login
             OR NEW.starts_on IS NOT OLD.starts_on OR NEW.ends_on IS NOT OLD.ends_on
             OR NEW.created_at IS NOT OLD.created_at
        BEGIN
            SELECT RAISE(ABORT, 'a delegation can only be cancelled, once');
        END;
        CREATE TRIGGER approval_delegation_no_delete BEFORE DELETE ON approval_delegation
        BEGIN
            SELECT RAISE(ABORT, 'delegations cannot be deleted; cancel them');
        END;

        -- Once a claim is under approval, its status is the approval's: an import that writes another
        -- status (say, re-importing the original file) leaves the approval's in place. `paid` may follow
        -- `approved`, and `withdrawn` may replace `submitted` while the claim is pending.
        CREATE TRIGGER expense_status_follows_approval AFTER UPDATE OF status ON expense
        WHEN EXISTS (SELECT 1 FROM approval_claim c WHERE c.expense_id = NEW.id AND NOT (
                 (c.state IN ('pending', 'unroutable') AND NEW.status IN ('submitted', 'withdrawn'))
              OR (c.state = 'approved' AND NEW.status IN ('approved', 'paid'))
              OR (c.state = 'rejected' AND NEW.status = 'rejected')))
        BEGIN
            UPDATE expense SET status = (SELECT CASE c.state WHEN 'approved' THEN 'approved'
                                                             WHEN 'rejected' THEN 'rejected' ELSE 'submitted' END
                                         FROM approval_claim c WHERE c.expense_id = NEW.id)
            WHERE id = NEW.id;
        END;
        """
    )
}
