import Foundation
import Hummingbird
import RelaisCore
import RelaisStore

/// `GET /v1/pile-ons` and `GET /v1/pile-ons/{id}` (the tenant's key): the pile-ons Relais
/// found on the person targeted (docs/person-targeted.md#pile-ons). Ids, times, authors,
/// categories and states; never the reported content, never a reporter. And
/// `POST /v1/moderation/pile-ons/{id}/close` (a moderator's token): the attack is dealt with.
struct PileOnRoutes {
    let pileOns: any PileOnStore
    let clock: RelaisClock

    static let routes = ["GET /v1/pile-ons", "GET /v1/pile-ons/{id}", "POST /v1/moderation/pile-ons/{id}/close"]

    func register(on group: RouterGroup<RelaisRequestContext>) {
        group.get("pile-ons") { request, context in try await list(request, context) }
        group.get("pile-ons/:id") { _, context in try await show(context) }
    }

    func register(moderation group: RouterGroup<RelaisRequestContext>) {
        group.post("pile-ons/:id/close") { request, context in try await close(request, context) }
    }

    /// Pile-ons in a state (`status`: open, the default, or closed), newest first: `limit`
    /// (1–200, default 50) from `offset` (default 0).
    func list(_ request: Request, _ context: RelaisRequestContext) async throws -> Response {
        let tenant = try context.requireTenant()
        let query = request.uri.queryParameters
        var errors: [FieldError] = []
        let status = query["status"].map(String.init) ?? PileOn.open
        if ![PileOn.open, PileOn.closed].contains(status) { errors.append(FieldError("status", "must be open or closed")) }
        func number(_ name: String, default value: Int, in range: ClosedRange<Int>) -> Int {
            guard let text = query[name[...]].map(String.init) else { return value }
            guard let n = Int(text), range.contains(n) else {
                errors.append(FieldError(name, "must be a whole number from \(range.lowerBound) to \(range.upperBound)"))
                return value
            }
            return n
        }
        let limit = number("limit", default: 50, in: 1...200), offset = number("offset", default: 0, in: 0...1_000_000)
        guard errors.isEmpty else { throw Problem.validation(ValidationFailure(errors)) }
        let found = try await pileOns.pileOns(tenantId: tenant.id, status: status, limit: limit, offset: offset)
        return try JSONCoding.response(PileOnListView(pileOns: found.map(PileOnView.init), limit: limit, offset: offset))
    }

    func show(_ context: RelaisRequestContext) async throws -> Response {
        let tenant = try context.requireTenant()
        let id = try context.parameters.require("id")
        guard id.count <= 64, let found = try await pileOns.pileOn(id: PileOn.ID(rawValue: id), tenantId: tenant.id) else {
            throw Self.notFound(id)
        }
        return try JSONCoding.response(PileOnTimelineView(found))
    }

    /// Closes an open pile-on with the moderator's reason: `200` with the pile-on. A retry, or
    /// a pile-on someone closed before, answers `200` with it as it was closed (nothing is
    /// written again); another tenant's answers `404`.
    func close(_ request: Request, _ context: RelaisRequestContext) async throws -> Response {
        let moderator = try ModerationRoutes.deciding(context)
        let id = try context.parameters.require("id")
        guard id.count <= 64 else { throw Self.notFound(id) }
        let body = try await JSONBody.read(request) as? [String: Any]
        guard let text = body?["reason"] as? String else {
            throw Problem.validation(ValidationFailure([FieldError("reason", "is required: why the pile-on is closed (for the team and the audit log)")]))
        }
        let reason: String
        switch CaseNoteRules.closingReason(text) {
        case .success(let valid): reason = valid
        case .failure(let failure): throw Problem.validation(failure)
        }
        switch try await pileOns.closePileOn(id: PileOn.ID(rawValue: id), by: moderator, reason: reason, now: clock.now()) {
        case .closed(let pileOn), .alreadyClosed(let pileOn): return try JSONCoding.response(PileOnView(pileOn))
        case .notFound: throw Self.notFound(id)
        }
    }

    static func notFound(_ id: String) -> Problem {
        Problem(.notFound, title: "Pile-on not found", detail: "No pile-on with id '\(id.prefix(64))' for this tenant.")
    }
}

struct PileOnView: Encodable {
    var id: String
    var targetId: String
    var status: String
    var authorCount: Int
    var caseCount: Int
    var firstReportAt: String
    var lastReportAt: String
    var openedAt: String
    /// When a moderator closed it; who and why stay in the console and the audit log.
    var closedAt: String?

    init(_ p: PileOn) {
        id = p.id.rawValue
        targetId = p.targetId
        status = p.status
        authorCount = p.authorCount
        caseCount = p.caseCount
        firstReportAt = Timestamp.format(p.firstReportAt)
        lastReportAt = Timestamp.format(p.lastReportAt)
        openedAt = Timestamp.format(p.openedAt)
        closedAt = p.closedAt.map(Timestamp.format)
    }
}

struct PileOnListView: Encodable {
    var pileOns: [PileOnView]
    var limit: Int
    var offset: Int
}

/// The attack as a whole: each linked case with its reports about the target.
struct PileOnTimelineView: Encodable {
    var pileOn: PileOnView
    var cases: [LinkedCase]

    struct LinkedCase: Encodable {
        var caseId: String
        var status: String
        var subject: Subject
        var authorId: String?
        var linkedAt: String
        var reports: [Report]
    }

    struct Subject: Encodable {
        var kind: String
        var id: String
    }

    struct Report: Encodable {
        var reportId: String
        var receivedAt: String
        var authorId: String?
        var category: ReportCategory
    }

    init(_ t: PileOnTimeline) {
        pileOn = PileOnView(t.pileOn)
        cases = t.cases.map { c in
            LinkedCase(
                caseId: c.caseId.rawValue, status: c.status, subject: Subject(kind: c.subjectKind, id: c.subjectId), authorId: c.authorId,
                linkedAt: Timestamp.format(c.linkedAt),
                reports: c.reports.map { Report(reportId: $0.reportId, receivedAt: Timestamp.format($0.receivedAt), authorId: $0.authorId, category: $0.category) })
        }
    }
}
