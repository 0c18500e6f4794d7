import Crypto
import Foundation

extension ApprovalDesk {
    /// The largest file `attach` takes: 25 MiB (a scanned receipt or invoice is far smaller).
    public static let maximumReceiptBytes = 25 * 1024 * 1024

    /// The longest invoice number (发票号) accepted: 64 characters.
    static let invoiceLength = 64

    /// `--invoice` checked: printable text of at most 64 characters, trimmed; `nil` when absent.
    static func invoiceNumber(_ text: String?) throws -> String? {
        guard let text else { return nil }
        try ClaimBounds.checkText(text, option: "--invoice", maxLength: invoiceLength)
        let trimmed = ValueParser.trimmed(text)
        guard !trimmed.isEmpty else { throw ApprovalError.invalid("--invoice must not be blank") }
        return trimmed
    }

    // MARK: - Attach

    /// Attaches the file at `path` to claim `id` as a receipt: its name, size and SHA-256 go into an audit entry
    /// (`receipt.attached`) and `approval_receipt`; when the claim's policy names a `[receipts] folder`, the
    /// file is copied there (beside the store), named by its SHA-256. By the claim's submitter, anyone its
    /// route names, or a finance or admin person.
    /// - Throws: ``ApprovalError``: `cannotOpen` for a file that does not exist or cannot be read; `invalid`
    ///   for one that is empty, too large, or whose name holds a control character; `io` when the copy cannot
    ///   be written; `refused` for someone else.
    public func attach(_ id: String, file path: String) throws -> ReceiptView {
        let url = URL(fileURLWithPath: path)
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory), !isDirectory.boolValue else {
            throw ApprovalError(.cannotOpen, "\(path): no such file")
        }
        let attributes = try? FileManager.default.attributesOfItem(atPath: url.resolvingSymlinksInPath().path)
        // A device or a pipe (/dev/zero, a FIFO) could be read forever: only regular files are receipts.
        guard attributes?[.type] as? FileAttributeType == .typeRegular else {
            throw ApprovalError.invalid("\(TerminalText.visible(path)): not a regular file")
        }
        let size = (attributes?[.size] as? NSNumber)?.int64Value ?? 0
        guard size <= Int64(Self.maximumReceiptBytes) else {
            throw ApprovalError.invalid(
                "\(path): \(size) bytes is too large for a receipt (at most \(Self.maximumReceiptBytes) bytes)")
        }
        guard let data = try? Data(contentsOf: url) else { throw ApprovalError(.cannotOpen, "\(path): cannot be read") }
        guard !data.isEmpty else { throw ApprovalError.invalid("\(path): the file is empty") }
        let name = url.lastPathComponent
        if let problem = ClaimBounds.textProblem(name, option: "the file name", maxLength: 255) {
            throw ApprovalError.invalid("\(TerminalText.visible(path)): \(problem)")
        }
        let sha = SHA256.hash(data: data).map { String(format: "%02x", $0) }.joined()
        try routePending()
        let at = timestamp()
        return try store.write { connection in
            let (directory, identity) = try acting(connection)
            let actor = identity.login
            try routePending(connection, directory: directory, actor: actor, at: at)
            let claims = ClaimStore(connection)
            let (claim, _, round, version) = try claimUnderApproval(claims, id)
            var onRoute = Set<String>()
            for r in 1...max(round, 1) {
                for step in try claims.steps(expenseID: claim.expenseID, round: r) {
                    onRoute.insert(step.approver)
                    if let by = step.decidedBy { onRoute.insert(by) }
                }
            }
            guard
                claim.submitter == actor || onRoute.contains(actor)
                    || (Self.financeRoles.union(["admin"])).contains(identity.person.role)
            else {
                throw ApprovalError.refused(
                    "claim \(id): receipts are attached by its submitter, the people on its route, or finance; "
                        + "\(identity.person.label) is none of them")
            }
            let policy = try claims.policyVersion(version).map { try ApprovalPolicy.parse($0.text) }
            var storedAs: String?
            if let folder = policy?.receipts?.folder {
                storedAs = try copyReceipt(data, sha256: sha, name: name, folder: folder)
            }
            var payload: [String: AuditValue] = [
                "round": .int(Int64(round)), "file": .string(name), "sha256": .string(sha), "size_bytes": .int(size),
            ]
            if let storedAs { payload["stored_as"] = .string(storedAs) }
            let entry = try audit(
                connection, actor: actor, action: "receipt.attached", subject: claim.subject, payload: payload, at: at)
            try MoveStore(connection).insertReceipt(
                auditSeq: entry.seq, expenseID: claim.expenseID, fileName: name, sha256: sha, size: size,
                storedAs: storedAs, at: at, by: actor)
            return ReceiptView(
                fileName: name, sha256: sha, sizeBytes: size, storedAs: storedAs, attachedAt: at, attachedBy: actor,
                auditSeq: entry.seq)
        }
    }

    /// Copies a receipt's bytes into `folder` beside the store as `<sha256>.<extension>` (written to a temporary
    /// file and renamed, so a reader never sees half a file; an identical file already there is kept). Returns
    /// the path relative to the store's folder.
    private func copyReceipt(_ data: Data, sha256: String, name: String, folder: String) throws -> String {
        let base = URL(fileURLWithPath: store.path).deletingLastPathComponent()
        let target = base.appendingPathComponent(folder, isDirectory: true)
        let ext = (name as NSString).pathExtension.lowercased()
        let safeExtension =
            !ext.isEmpty && ext.count <= 10
                && ext.unicodeScalars.allSatisfy {
                    $0.isASCII && $0.properties.isAlphabetic || ("0"..."9").contains($0)
                }
            ? "." + ext : ""
        let fileName = sha256 + safeExtension
        let destination = target.appendingPathComponent(fileName)
        do {
            try FileManager.default.createDirectory(at: target, withIntermediateDirectories: true)
            if !FileManager.default.fileExists(atPath: destination.path) {
                try data.write(to: destination, options: .atomic)
            }
        } catch {
            throw ApprovalError(
                .io,
                "cannot copy the receipt into \(target.path) (the policy's receipts.folder): \(error.localizedDescription)"
            )
        }
        return folder + "/" + fileName
    }

    // MARK: - Rules and flags

    /// Why claim `claim` may not be approved yet under `policy`'s `[receipts] required_above`, or `nil`.
    func receiptProblem(_ connection: Connection, claim: ClaimRow, policy: ApprovalPolicy) throws -> String? {
        guard let above = policy.receipts?.requiredAboveCents, claim.amountCents > above,
            try MoveStore(connection).receipts(expenseID: claim.expenseID).isEmpty
        else { return nil }
        return "claim \(claim.number) is above \(ImportValue.moneyText(cents: above)) (the policy's "
            + "receipts.required_above) and has no receipt attached; attach one with "
            + "`sales-approve attach \(claim.number) FILE` first"
    }

    /// The flags of the moves: a receipt the policy requires and nobody attached, an invoice number (发票号)
    /// another claim carries too, a receipt file attached to another claim too.
    func moveFlags(_ connection: Connection, claim: ClaimRow) throws -> [String] {
        var flags: [String] = []
        let moves = MoveStore(connection)
        if claim.state == .pending, let version = claim.policyVersion,
            let stored = try ClaimStore(connection).policyVersion(version),
            let policy = try? ApprovalPolicy.parse(stored.text),
            let above = policy.receipts?.requiredAboveCents, claim.amountCents > above,
            try moves.receipts(expenseID: claim.expenseID).isEmpty
        {
            flags.append(
                "receipt missing: above \(ImportValue.moneyText(cents: above)) a receipt must be attached before "
                    + "approval")
        }
        if let invoice = claim.invoiceNo, !invoice.isEmpty {
            let others = try moves.otherClaims(withInvoice: invoice, than: claim.expenseID)
            if !others.isEmpty {
                flags.append(
                    "duplicate invoice: 发票号 \(TerminalText.visible(invoice)) is also on claim "
                        + others.joined(separator: ", "))
            }
        }
        var seen = Set<String>()
        for receipt in try moves.receipts(expenseID: claim.expenseID) where seen.insert(receipt.sha256).inserted {
            let others = try moves.otherClaims(withReceipt: receipt.sha256, than: claim.expenseID)
            if !others.isEmpty {
                flags.append(
                    "duplicate receipt: \(TerminalText.visible(receipt.fileName)) (SHA-256 \(receipt.sha256.prefix(12))…) "
                        + "is also attached to claim " + others.joined(separator: ", "))
            }
        }
        return flags
    }

    /// Adds the invoice number, receipts, moves, payment and open send-back of `claim` to `detail`.
    func addMoves(_ connection: Connection, claim: ClaimRow, to detail: inout ClaimDetail) throws {
        let store = MoveStore(connection)
        detail.invoiceNo = claim.invoiceNo
        detail.receipts = try store.receipts(expenseID: claim.expenseID)
        detail.moves = try store.moves(expenseID: claim.expenseID).map {
            MoveView(
                move: $0.move.rawValue, round: $0.round, actor: $0.actor, at: $0.at, step: $0.step, to: $0.to,
                text: $0.text, auditSeq: $0.auditSeq)
        }
        detail.payment = try store.payment(expenseID: claim.expenseID).map {
            PaymentView(
                batch: $0.batch, amountCents: $0.amountCents, paidAt: $0.paidAt, paidBy: $0.paidBy,
                auditSeq: $0.auditSeq)
        }
        if claim.state == .pending, let round = claim.round {
            detail.sentBack = detail.moves.last { $0.move == MoveKind.sentBack.rawValue && $0.round == round }
        }
    }
}
