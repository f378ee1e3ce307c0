import ArgumentParser
import Foundation
import RelaisStore

struct EvidenceCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "evidence", abstract: "Check an evidence pack offline.", subcommands: [Verify.self])

    struct Verify: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Verify an evidence pack (the JSON file of /v1/reports/{id}/evidence or the status page); exits 1 when it does not verify.",
            discussion: """
                Checks, without any network or database: the file is exactly as Relais wrote it, every item matches its SHA-256, \
                and the Ed25519 signature is valid. With --key (the publicKey that /.well-known/relais-evidence-key serves), \
                also that this Relais instance signed it.
                """)
        @Argument(help: "The evidence pack, a JSON file.") var file: String
        @Option(help: "The public key expected (base64, as /.well-known/relais-evidence-key serves it).") var key: String?

        func run() throws {
            guard let data = FileManager.default.contents(atPath: file) else { throw ValidationError("cannot read '\(file)'") }
            switch EvidencePack.verify(data, expectedKey: key) {
            case .invalid(let reason):
                print("NOT VALID: " + reason)
                throw ExitCode(1)
            case .valid(let document, let publicKey):
                print(Self.summary(document, publicKey: publicKey, keyChecked: key != nil))
            }
        }

        static func summary(_ d: EvidenceDocument, publicKey: String, keyChecked: Bool) -> String {
            var lines = [
                "VALID: this evidence pack is intact and its signature is correct.",
                "",
                "Signed by the Ed25519 key \(publicKey)"
                    + (keyChecked ? " (the key you gave)." : " (compare it with the key served at /.well-known/relais-evidence-key of the platform's Relais)."),
                "Issued \(d.issuedAt) for the platform '\(d.platform)'.",
                "",
                "What it proves:",
                "- Relais received report \(d.report.id) (\(d.report.category.rawValue)) at \(d.report.receivedAt).",
                "- With it, this snapshot of the \(d.content.kind.rawValue) '\(d.content.id)'"
                    + (d.content.authorId.map { " posted by the account '\($0)'" } ?? "")
                    + (d.content.createdAt.map { " at \($0)" } ?? "") + (d.content.textSHA256.map { "; text SHA-256 \($0)" } ?? "") + ".",
                "- Case \(d.moderationCase.id) is \(d.moderationCase.status), with \(d.moderationCase.decisions.count) decision(s):",
            ]
            for decision in d.moderationCase.decisions {
                let what = decision.restrictions.isEmpty ? "no action" : decision.restrictions.map(\.rawValue).joined(separator: ", ")
                lines.append("  - \(decision.decidedAt): \(what)" + (decision.supersededBy == nil ? "" : " (replaced after a complaint)"))
            }
            lines += [
                "",
                "What it does not prove:",
                "- Who wrote the content: the text and the author id are what the platform sent Relais with the report.",
                "- That the content is still online, or what happened before or after the times above.",
            ]
            return lines.joined(separator: "\n")
        }
    }
}
