import ArgumentParser
import Foundation
import SalesCLI
import SalesCore

extension SalesApprove {
    struct Keys: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Create your signing key; enrol, revoke and list the store's keys.",
            discussion: """
                In a store initialised without --trust-env every audit entry is signed with its author's key, and \
                'verify' checks each signature against the key enrolled for that person at that point of the log.
                """,
            subcommands: [Create.self, Enroll.self, Revoke.self, List.self])

        struct Create: ParsableCommand {
            static let configuration = CommandConfiguration(
                abstract: "Create your private key (once) and print its public key as ed25519:<base64>.",
                discussion: """
                    The key goes to $XDG_CONFIG_HOME/sales-toolkit/signing-key (default ~/.config/sales-toolkit/), \
                    the folder mode 0700 and the file 0600; an existing key is never overwritten. Give the printed \
                    line to whoever enrols keys in the store.
                    """)

            func run() throws {
                try runReportingErrors(tool: "sales-approve") {
                    let file = try currentKeyFile()
                    write("\(try file.create())\n")
                }
            }
        }

        struct Enroll: ParsableCommand {
            static let configuration = CommandConfiguration(
                abstract: "Enrol a person's public key; by the account that ran init, or an admin or finance person.")

            @OptionGroup var options: CommonOptions

            @Argument(help: "The person's login (person.login).")
            var login: String

            @Argument(help: "Their public key, as 'keys create' printed it: ed25519:<base64>.")
            var key: String

            func run() throws {
                try runReportingErrors(tool: "sales-approve") {
                    let enrolled = try options.desk().enrollKey(login: login, key: key)
                    write(
                        options.language.pick(
                            "已登记 \(enrolled.login) 的公钥 \(enrolled.key)（审计记录 \(enrolled.enrolledSeq)）。\n",
                            "Enrolled \(enrolled.key) for \(enrolled.login) (audit entry \(enrolled.enrolledSeq)).\n"))
                }
            }
        }

        struct Revoke: ParsableCommand {
            static let configuration = CommandConfiguration(
                abstract: "Revoke a person's key; entries it signed before stay valid.")

            @OptionGroup var options: CommonOptions

            @Argument(help: "The person's login.")
            var login: String

            func run() throws {
                try runReportingErrors(tool: "sales-approve") {
                    let revoked = try options.desk().revokeKey(login: login)
                    write(
                        options.language.pick(
                            "已吊销 \(revoked.login) 的公钥 \(revoked.key)（审计记录 \(revoked.revokedSeq ?? 0)）。\n",
                            "Revoked \(revoked.key) of \(revoked.login) (audit entry \(revoked.revokedSeq ?? 0)).\n"))
                }
            }
        }

        struct List: ParsableCommand {
            static let configuration = CommandConfiguration(
                abstract: "List the enrolled keys, revoked ones included, as the audit log records them.",
                discussion: """
                    With --json: an array of {"login", "key", "enrolled_at", "enrolled_by", "enrolled_seq", \
                    "revoked_at", "revoked_by", "revoked_seq"} (the revoked_* keys only for a revoked key).
                    """)

            @OptionGroup var options: CommonOptions

            @Flag(help: "Print a JSON array.")
            var json = false

            func run() throws {
                try runReportingErrors(tool: "sales-approve") {
                    guard FileManager.default.fileExists(atPath: options.store.path) else {
                        throw ApprovalError(.cannotOpen, "\(options.store.path): no such store")
                    }
                    let desk = ApprovalDesk(store: try options.store.open(), account: "")
                    let ring = try desk.keyRing()
                    if json {
                        write(try JSONOutput.encode(ring.enrolments) + "\n")
                        return
                    }
                    write(ApprovalReport.keysText(ring, lang: options.language))
                }
            }
        }
    }
}
