extension Migrations {
    /// The everyday moves of `sales-approve` (issue 19): withdrawing, sending back and resubmitting, reopening,
    /// comments and escalations (`approval_move`, one row per audit entry that records such a move), receipts
    /// attached to a claim (`approval_receipt`), payments (`payment`, one row per paid claim, grouped by batch),
    /// and the invoice number (发票号) of an expense (`expense.invoice_no`). Every row is written with its audit
    /// entry and is refused changes and deletion by triggers; a paid claim's approval never changes again.
    static let approvalMoves = (
        id: "0010_approval_moves",
        sql: """
        ALTER TABLE expense ADD COLUMN invoice_no TEXT;
        CREATE INDEX expense_invoice_no ON expense (invoice_no) WHERE invoice_no IS NOT NULL;

        CREATE TABLE approval_move (
            audit_seq  INTEGER PRIMARY KEY REFERENCES audit_log (seq),
            expense_id INTEGER NOT NULL REFERENCES approval_claim (expense_id),
            round      INTEGER NOT NULL CHECK (round >= 1),
            move       TEXT NOT NULL
                CHECK (move IN ('withdrawn', 'sent_back', 'resubmitted', 'reopened', 'commented', 'escalated')),
            actor      TEXT NOT NULL,
            at         TEXT NOT NULL,
            step       INTEGER CHECK (step IS NULL OR step >= 1),
            to_login   TEXT,
            text       TEXT,
            CHECK ((move IN ('sent_back', 'escalated')) = (step IS NOT NULL)),
            CHECK ((move = 'escalated') = (to_login IS NOT NULL))
        ) STRICT;
        CREATE INDEX approval_move_claim ON approval_move (expense_id, round, move);
        CREATE INDEX approval_move_escalated ON approval_move (to_login) WHERE move = 'escalated';
        CREATE TRIGGER approval_move_no_update BEFORE UPDATE ON approval_move
        BEGIN
            SELECT RAISE(ABORT, 'approval moves cannot be changed or deleted');
        END;
        CREATE TRIGGER approval_move_no_delete BEFORE DELETE ON approval_move
        BEGIN
            SELECT RAISE(ABORT, 'approval moves cannot be changed or deleted');
        END;

        CREATE TABLE approval_receipt (
            audit_seq   INTEGER PRIMARY KEY REFERENCES audit_log (seq),
            expense_id  INTEGER NOT NULL REFERENCES approval_claim (expense_id),
            file_name   TEXT NOT NULL CHECK (file_name <> ''),
            sha256      TEXT NOT NULL CHECK (length(sha256) = 64 AND NOT sha256 GLOB '*[^0-9a-f]*'),
            size_bytes  INTEGER NOT NULL CHECK (size_bytes >= 0),
            stored_as   TEXT,
            attached_at TEXT NOT NULL,
            attached_by TEXT NOT NULL
        ) STRICT;
        CREATE INDEX approval_receipt_claim ON approval_receipt (expense_id);
        CREATE INDEX approval_receipt_sha256 ON approval_receipt (sha256);
        CREATE TRIGGER approval_receipt_no_update BEFORE UPDATE ON approval_receipt
        BEGIN
            SELECT RAISE(ABORT, 'receipts cannot be changed or deleted');
        END;
        CREATE TRIGGER approval_receipt_no_delete BEFORE DELETE ON approval_receipt
        BEGIN
            SELECT RAISE(ABORT, 'receipts cannot be changed or deleted');
        END;

        CREATE TABLE payment (
            expense_id   INTEGER PRIMARY KEY REFERENCES approval_claim (expense_id),
            batch        TEXT NOT NULL CHECK (trim(batch) <> ''),
            amount_cents INTEGER NOT NULL CHECK (amount_cents > 0),
            paid_at      TEXT NOT NULL,
            paid_by      TEXT NOT NULL,
            audit_seq    INTEGER NOT NULL UNIQUE REFERENCES audit_log (seq)
        ) STRICT;
        CREATE INDEX payment_batch ON payment (batch);
        CREATE TRIGGER payment_no_update BEFORE UPDATE ON payment
        BEGIN
            SELECT RAISE(ABORT, 'payments are final: they cannot be changed or deleted');
        END;
        CREATE TRIGGER payment_no_delete BEFORE DELETE ON payment
        BEGIN
            SELECT RAISE(ABORT, 'payments are final: they cannot be changed or deleted');
        END;
        -- Paid is final: a paid claim's approval is not reopened or routed again, and its status stays paid.
        CREATE TRIGGER approval_claim_paid_is_final BEFORE UPDATE ON approval_claim
        WHEN EXISTS (SELECT 1 FROM payment p WHERE p.expense_id = OLD.expense_id)
        BEGIN
            SELECT RAISE(ABORT, 'a paid claim is final: its approval cannot change');
        END;
        CREATE TRIGGER expense_paid_is_final BEFORE UPDATE OF status ON expense
        WHEN OLD.status = 'paid' AND NEW.status IS NOT 'paid'
             AND EXISTS (SELECT 1 FROM payment p WHERE p.expense_id = OLD.id)
        BEGIN
            SELECT RAISE(ABORT, 'a paid claim is final: its status cannot change');
        END;
        """
    )
}
