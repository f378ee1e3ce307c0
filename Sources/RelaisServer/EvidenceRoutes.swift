import Foundation
import HTTPTypes
import Hummingbird
import RelaisCore
import RelaisStore

/// The evidence pack through the API, and the key that checks it.
///
/// - `GET /v1/reports/{id}/evidence` (tenant key): the signed pack of one report, for the
///   platform to hand to the person who filed it.
/// - `GET /.well-known/relais-evidence-key`: the instance's Ed25519 public key, public, so
///   anyone can check a pack was issued here (`relais evidence verify FILE --key KEY`).
struct EvidenceRoutes: Sendable {
    let reporterView: ReporterView

    func register(api: RouterGroup<RelaisRequestContext>, router: Router<RelaisRequestContext>) {
        api.get("reports/:id/evidence") { _, context in try await pack(context) }
        router.get(".well-known/relais-evidence-key") { _, _ in try await publicKey() }
    }

    func pack(_ context: RelaisRequestContext) async throws -> Response {
        let tenant = try context.requireTenant()
        let id = try context.parameters.require("id")
        guard let progress = try await reporterView.progress(reportId: id, tenant: tenant) else {
            throw Problem(.notFound, title: "Report not found", detail: "No report with id '\(id.prefix(64))' for this tenant.")
        }
        return Self.download(try await reporterView.evidence(progress).file, reportId: progress.report.id)
    }

    /// The pack as a file to keep: its bytes exactly as signed.
    static func download(_ file: Data, reportId: String) -> Response {
        Response(
            status: .ok,
            headers: [
                .contentType: "application/json", .contentDisposition: "attachment; filename=\"relais-evidence-\(reportId).json\"",
                .cacheControl: "no-store",
            ],
            body: .init(byteBuffer: ByteBuffer(bytes: file)))
    }

    func publicKey() async throws -> Response {
        let key = EvidencePack.publicKeyText(try await reporterView.signingKey())
        return try JSONCoding.response(["algorithm": "Ed25519", "publicKey": key, "format": EvidenceDocument.currentFormat])
    }
}
