import ArgumentParser
import Foundation
import SalesCLI
import SalesCore

extension SalesApprove {
    struct Verify: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract:
                "Check the audit log and that the tables agree with it; name the first problem and exit 65 if there is one.",
            discussion: """
                The chain shows any entry changed, deleted or reordered; in a signed store each entry's signature \
                is checked against the key enrolled for its author. The log is then replayed and compared with the \
                approval tables (claims, steps, decisions, delegations, policy versions, expense status): a row the \
                log does not explain, or an entry no row shows, is named in one line. Entries cut from the end \
                leave a shorter chain that still holds: save the head elsewhere (--save-anchor FILE) and check \
                against it later (--anchor FILE) to catch that too.
                """)

        @OptionGroup var options: CommonOptions

        @Option(help: ArgumentHelp("Check against a head saved earlier.", valueName: "file"))
        var anchor: String?

        @Option(help: ArgumentHelp("After a clean check, save the head to FILE.", valueName: "file"))
        var saveAnchor: String?

        @Flag(help: "Print {\"ok\", \"entries\", \"head\"} or {\"ok\": false, \"broken_seq\", \"reason\"}.")
        var json = false

        func run() throws {
            var broken = false
            try runReportingErrors(tool: "sales-approve") {
                let saved = try anchor.map { try AuditAnchor.load(from: $0) }
                // Never creates a store, and opens it read-only, so anyone who may read it can check it (as an
                // immutable file when they cannot create the write-ahead log's files beside it). Only a store
                // last written by an older tool, which lacks the approval tables, is opened for writing so that
                // it gets them (its audit log is then simply empty).
                guard FileManager.default.fileExists(atPath: options.store.path) else {
                    throw ApprovalError(.cannotOpen, "\(options.store.path): no such store")
                }
                let store: Store
                do {
                    store = try options.store.open(readOnly: true)
                } catch let error as StoreError where error.kind == .schemaTooOld {
                    store = try options.store.open()
                } catch let error as StoreError where error.kind == .readOnly || error.kind == .cantOpen {
                    store = try Store.open(path: options.store.path, readOnly: true, options: .init(immutable: true))
                }
                // Verifying needs no identity: an account without a passwd entry may check the log too.
                let desk = ApprovalDesk(store: store, account: (try? currentUserName()) ?? "")
                let signing = try desk.keyRing().signing
                if try desk.identityMode() == .trustEnvironment {
                    let (entries, unsigned) = try desk.unsignedEntries()
                    OutputBuffer.standardError.write(
                        ApprovalReport.trainingVerifyText(entries: entries, unsigned: unsigned, lang: options.language))
                } else if !signing.isRequired {
                    OutputBuffer.standardError.write(
                        "sales-approve: " + ApprovalReport.signingText(signing, lang: options.language) + "\n")
                }
                let result = try desk.verify(anchor: saved)
                broken = !result.isIntact
                // The anchor first: OK is printed only once it is saved.
                if !broken, let saveAnchor {
                    guard let head = result.anchor else {
                        throw ApprovalError(
                            .invalid, "the audit log is empty: there is no head to save to \(saveAnchor)")
                    }
                    try head.save(to: saveAnchor)
                }
                write(
                    json
                        ? ApprovalReport.json(result) + "\n" : ApprovalReport.verifyText(result, lang: options.language)
                )
                if !broken, let saveAnchor {
                    write(options.language.pick("已保存链尾到 \(saveAnchor)。\n", "Saved the head to \(saveAnchor).\n"))
                }
            }
            if broken { throw ExitCode(ExitStatus.dataError) }
        }
    }
}
