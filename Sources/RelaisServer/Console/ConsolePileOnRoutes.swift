import Foundation
import Hummingbird
import RelaisCore
import RelaisStore

/// The pile-ons of the moderator's tenant: the list, and one pile-on's page showing the
/// attack as a whole (timeline, authors, contents, each linked case). Read only: each case
/// is decided on its own page. Content in a sensitive category stays blurred here; it is
/// shown on its case's page, where showing it is recorded (`ConsoleStore.revealContent`).
struct ConsolePileOnRoutes: Sendable {
    let pileOns: any PileOnStore
    let pages: ConsolePages

    static let routes = ["GET /console/pile-ons", "GET /console/pile-ons/{id}"]

    func register(on signedIn: RouterGroup<ConsoleRequestContext>) {
        signedIn.get("pile-ons") { _, context in try await list(context.session) }
        signedIn.get("pile-ons/:id") { _, context in
            let id = try context.parameters.require("id")
            guard id.count <= 64, id.allSatisfy({ $0.isLetter || $0.isNumber || $0 == "-" || $0 == "_" }) else { throw HTTPError(.notFound) }
            return try await page(PileOn.ID(rawValue: id), context.session)
        }
    }

    func list(_ session: ConsoleSession) async throws -> Response {
        let found = try await pileOns.pileOns(tenantId: session.moderator.tenantId, limit: 200, offset: 0)
        return try pages.render("console-pile-ons", ConsolePileOnListView(page: pages.page("Pile-ons", session), pileOns: found))
    }

    func page(_ id: PileOn.ID, _ session: ConsoleSession) async throws -> Response {
        guard let found = try await pileOns.pileOn(id: id, tenantId: session.moderator.tenantId) else {
            return try pages.message(session, status: .notFound, "Pile-on not found", ["No pile-on with this id for your tenant."], back: "/console/pile-ons")
        }
        return try pages.render("console-pile-on", ConsolePileOnView(page: pages.page("Pile-on on \(found.pileOn.targetId)", session), found))
    }
}

struct ConsolePileOnListView: Sendable {
    var page: ConsolePage
    var rows: [Row]
    var hasRows: Bool

    struct Row: Sendable {
        var id: String
        var targetId: String
        var authorCount: Int
        var caseCount: Int
        var firstReportAt: String
        var lastReportAt: String
    }

    init(page: ConsolePage, pileOns: [PileOn]) {
        self.page = page
        rows = pileOns.map {
            Row(
                id: $0.id.rawValue, targetId: $0.targetId, authorCount: $0.authorCount, caseCount: $0.caseCount,
                firstReportAt: ConsoleFormat.time($0.firstReportAt), lastReportAt: ConsoleFormat.time($0.lastReportAt))
        }
        hasRows = !rows.isEmpty
    }
}

/// One pile-on: the timeline of its reports (oldest first), its authors, and its cases.
struct ConsolePileOnView: Sendable {
    var page: ConsolePage
    var id: String
    var targetId: String
    var authorCount: Int
    var caseCount: Int
    var firstReportAt: String
    var lastReportAt: String
    var openedAt: String
    var authors: [String]
    var timeline: [Entry]
    var cases: [CaseRow]
    var hasSensitive: Bool

    struct Entry: Sendable {
        var at: String
        var authorId: String?
        var categoryLabel: String
        var caseId: String
        var snapshot: String?
        var blurred: Bool
    }

    struct CaseRow: Sendable {
        var caseId: String
        var status: String
        var subjectKind: String
        var subjectId: String
        var authorId: String?
        var reportCount: Int
        var linkedAt: String
    }

    init(page: ConsolePage, _ t: PileOnTimeline) {
        self.page = page
        id = t.pileOn.id.rawValue
        targetId = t.pileOn.targetId
        authorCount = t.pileOn.authorCount
        caseCount = t.cases.count
        firstReportAt = ConsoleFormat.time(t.pileOn.firstReportAt)
        lastReportAt = ConsoleFormat.time(t.pileOn.lastReportAt)
        openedAt = ConsoleFormat.time(t.pileOn.openedAt)
        var authors: [String] = []
        for c in t.cases { if let a = c.authorId, !authors.contains(a) { authors.append(a) } }
        self.authors = authors
        timeline = t.cases.flatMap { c in
            // A case with a report in a sensitive category is blurred whole, as on its page.
            let sensitive = c.reports.contains { SensitiveContent.categories.contains($0.category) }
            return c.reports.map { r in
                (r.receivedAt, Entry(
                    at: ConsoleFormat.time(r.receivedAt), authorId: r.authorId ?? c.authorId, categoryLabel: r.category.summary,
                    caseId: c.caseId.rawValue, snapshot: r.text, blurred: sensitive))
            }
        }
        .sorted { $0.0 < $1.0 }.map(\.1)
        cases = t.cases.map {
            CaseRow(
                caseId: $0.caseId.rawValue, status: $0.status, subjectKind: $0.subjectKind, subjectId: $0.subjectId, authorId: $0.authorId,
                reportCount: $0.reports.count, linkedAt: ConsoleFormat.time($0.linkedAt))
        }
        hasSensitive = timeline.contains(where: \.blurred)
    }
}
