import Foundation
import Hummingbird
import RelaisCore
import RelaisStore

/// `GET /v1/moderation/flaggers`: for the moderator's tenant, each trusted flagger it accepted
/// with its figures over a period (notices, share actioned, median hours to decision, share
/// within the flagger's target): what Art. 22(6) asks a platform to watch.
struct FlaggerFiguresRoutes {
    let flaggers: any FlaggerStore
    let tenants: any TenantStore
    let clock: RelaisClock

    static let routes = ["GET /v1/moderation/flaggers"]

    func register(on group: RouterGroup<RelaisRequestContext>) {
        group.get("flaggers") { request, context in try await figures(request, context) }
    }

    func figures(_ request: Request, _ context: RelaisRequestContext) async throws -> Response {
        let moderator = try context.requireModerator()
        let (from, to) = try ReportingPeriod.parse(request, now: clock.now())
        guard let tenant = try await tenants.tenant(id: moderator.tenantId) else { throw Problem.unauthorized }
        var rows: [FlaggerFiguresView.Row] = []
        for flagger in try await flaggers.flaggers() where flagger.tenants.contains(tenant.name) {
            let stats = try await flaggers.flaggerStatistics(flaggerId: flagger.id, tenantId: tenant.id, from: from, to: to)
            rows.append(.init(name: flagger.name, designatedBy: flagger.designatedBy, expertise: flagger.expertise, statistics: stats))
        }
        return try JSONCoding.response(FlaggerFiguresView(from: Timestamp.format(from), to: Timestamp.format(to), flaggers: rows))
    }
}

struct FlaggerFiguresView: Encodable {
    var from: String
    var to: String
    var flaggers: [Row]

    struct Row: Encodable {
        var name: String
        var designatedBy: String
        var expertise: [ReportCategory]
        var statistics: FlaggerStatistics
    }
}
