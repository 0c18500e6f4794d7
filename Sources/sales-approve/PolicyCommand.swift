import ArgumentParser
import Foundation
import SalesCLI
import SalesCore

extension SalesApprove {
    struct PolicyCommand: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "policy", abstract: "Load or show the approval policy.",
            subcommands: [Load.self, ShowPolicy.self])

        struct Load: ParsableCommand {
            static let configuration = CommandConfiguration(
                abstract: "Load a policy file (TOML) as the next version; needs the admin or finance role.",
                discussion: """
                    Claims already routed keep the route of the version they were routed under. \
                    docs/approve.md shows a complete policy and explains every key.
                    """)

            @OptionGroup var options: CommonOptions

            @Argument(help: "The policy file (.toml).")
            var file: String

            func run() throws {
                try runReportingErrors(tool: "sales-approve") {
                    let text: String
                    do {
                        text = try String(contentsOfFile: file, encoding: .utf8)
                    } catch {
                        let exists = FileManager.default.fileExists(atPath: file)
                        throw ApprovalError(
                            exists ? .invalid : .cannotOpen,
                            "\(file): " + (exists ? "cannot be read as UTF-8 text" : "no such file"))
                    }
                    var (version, loaded) = try options.desk().loadPolicy(
                        text: text, fileName: URL(fileURLWithPath: file).lastPathComponent)
                    let lang = options.language
                    version.name = TerminalText.visible(version.name)
                    write(
                        loaded
                            ? lang.pick(
                                "已载入审批政策 v\(version.version)“\(version.name)”。\n",
                                "Loaded policy version \(version.version) (\(version.name)).\n")
                            : lang.pick(
                                "与现行的 v\(version.version) 相同，未改变。\n",
                                "Same as version \(version.version) in force; nothing changed.\n"))
                }
            }
        }

        struct ShowPolicy: ParsableCommand {
            static let configuration = CommandConfiguration(
                commandName: "show", abstract: "Print the policy in force (or a given version) as loaded.")

            @OptionGroup var options: CommonOptions

            @Option(help: "A policy version (default: the one in force).")
            var version: Int64?

            func run() throws {
                try runReportingErrors(tool: "sales-approve") {
                    let lang = options.language
                    guard let p = try options.desk().policy(version: version) else {
                        throw ApprovalError(
                            .notFound,
                            version.map { "no policy version \($0) in the store" }
                                ?? "no approval policy is loaded yet (sales-approve policy load FILE.toml)")
                    }
                    write(
                        lang.pick(
                            "# 审批政策 v\(p.version)，\(p.loadedBy) 于 \(p.loadedAt) 载入自 \(p.fileName)（SHA-256 \(p.fileSHA256)）\n",
                            "# policy version \(p.version), loaded by \(p.loadedBy) at \(p.loadedAt) from \(p.fileName) (SHA-256 \(p.fileSHA256))\n"
                        ))
                    write(p.text.hasSuffix("\n") ? p.text : p.text + "\n")
                }
            }
        }
    }
}
