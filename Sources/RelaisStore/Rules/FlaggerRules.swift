import Foundation
import RelaisCore

/// Trusted flaggers, their tokens (hashed at rest), the tenants that accept them, their
/// notices' status and figures, and hand-off consent, on either backend. A flagger's notice
/// itself is a report (`ReportWritePlan`, with the flagger's id and any cited reference).
extension FlaggerStore where Self: StoreDriver {
    public func createFlagger(
        name: String, designatedBy: String, expertise: [ReportCategory], targetHours: Double, tenantNames: [String], now: Date
    ) async throws -> (TrustedFlagger, token: String) {
        guard AccountName.isValid(name) else { throw FlaggerError.invalidName(name) }
        guard !expertise.isEmpty else { throw FlaggerError.invalidExpertise("name at least one category") }
        let token = FlaggerToken.generate(), id = TrustedFlagger.ID(rawValue: UUID().uuidString.lowercased())
        let expertiseText = expertise.map(\.rawValue).joined(separator: ",")
        try await write(.query("""
            INSERT INTO flaggers (id, name, designated_by, expertise, target_hours, token_hash, token_prefix, created_at)
            VALUES (\(id), \(name), \(designatedBy), \(expertiseText), \(targetHours), \(APIKey.hash(token)), \(APIKey.displayPrefix(token)), \(now))
            ON CONFLICT (name) DO NOTHING RETURNING id
            """) { inserted in
            guard !inserted.isEmpty else { throw FlaggerError.exists(name) }
            return StorePlan<[Void]>.forEach(tenantNames) { tenant in Self.accept(flaggerId: id, flaggerName: name, tenantName: tenant, now: now) }
                .then { _ in .done(()) }
        })
        guard let created = try await flaggers().first(where: { $0.id == id }) else { throw FlaggerError.notFound(name) }
        return (created, token)
    }

    /// The acceptance and its audit entry, in the tenant's log.
    private static func accept(flaggerId: TrustedFlagger.ID, flaggerName: String, tenantName: String, now: Date) -> StorePlan<Void> {
        .first("SELECT id FROM tenants WHERE name = \(tenantName)") { tenant in
            guard let tenantId: Tenant.ID = try tenant?.id("id") else { throw StorageError.tenantNotFound(tenantName) }
            return .query("""
                INSERT INTO flagger_tenants (flagger_id, tenant_id, accepted_at) VALUES (\(flaggerId), \(tenantId), \(now))
                ON CONFLICT (flagger_id, tenant_id) DO NOTHING RETURNING flagger_id
                """) { inserted in
                guard !inserted.isEmpty else { return .done(()) }
                return .write([
                    SharedStatements.audit(tenantId: tenantId, actor: "cli", at: now, action: "flagger.accepted", after: AuditJSON.make(["flagger": flaggerName]))
                ], answering: ())
            }
        }
    }

    public func issueFlaggerToken(name: String, now: Date) async throws -> (TrustedFlagger, token: String) {
        let token = FlaggerToken.generate()
        let updated = try await write(StorePlan.single("""
            UPDATE flaggers SET token_hash = \(APIKey.hash(token)), token_prefix = \(APIKey.displayPrefix(token)) WHERE name = \(name) RETURNING id
            """) { rows in !rows.isEmpty })
        guard updated, let flagger = try await flaggers().first(where: { $0.name == name }) else { throw FlaggerError.notFound(name) }
        return (flagger, token)
    }

    public func acceptFlagger(name: String, tenantName: String, now: Date) async throws -> TrustedFlagger {
        try await write(.first("SELECT id FROM flaggers WHERE name = \(name)") { row in
            guard let id: TrustedFlagger.ID = try row?.id("id") else { throw FlaggerError.notFound(name) }
            return Self.accept(flaggerId: id, flaggerName: name, tenantName: tenantName, now: now)
        })
        guard let flagger = try await flaggers().first(where: { $0.name == name }) else { throw FlaggerError.notFound(name) }
        return flagger
    }

    public func flaggers() async throws -> [TrustedFlagger] {
        try await read(.query("SELECT * FROM flaggers ORDER BY name") { rows in
            .query("SELECT ft.flagger_id, t.name FROM flagger_tenants ft JOIN tenants t ON t.id = ft.tenant_id ORDER BY t.name") { links in
                var tenants: [String: [String]] = [:]
                for link in links { tenants[try link.string("flagger_id"), default: []].append(try link.string("name")) }
                return .done(try rows.map { try StoredRows.flagger($0, tenants: tenants[try $0.string("id")] ?? []) })
            }
        })
    }

    public func flagger(token: String) async throws -> TrustedFlagger? {
        // Only flagger tokens: a tenant key or a moderator token never authenticates a flagger.
        guard token.hasPrefix(FlaggerToken.prefix) else { return nil }
        return try await read(.first("SELECT * FROM flaggers WHERE token_hash = \(APIKey.hash(token))") { row in
            guard let row else { return .done(nil) }
            return .query("SELECT t.name FROM flagger_tenants ft JOIN tenants t ON t.id = ft.tenant_id WHERE ft.flagger_id = \(try row.string("id"))") {
                links in .done(try StoredRows.flagger(row, tenants: try links.map { try $0.string("name") }))
            }
        })
    }

    public func setFlaggerWebhook(name: String, url: String, rotateSecret: Bool, now: Date) async throws -> (url: String, newSecret: String?) {
        _ = try WebhookURL.validate(url)
        let candidate = WebhookSecret.generate()
        return try await write(.first("SELECT id FROM flaggers WHERE name = \(name)") { row in
            guard let id: TrustedFlagger.ID = try row?.id("id") else { throw FlaggerError.notFound(name) }
            return .first("SELECT secret FROM flagger_endpoints WHERE flagger_id = \(id)") { endpoint in
                let existing = try endpoint?.string("secret")
                let secret = (rotateSecret ? nil : existing) ?? candidate
                return .write(["""
                    INSERT INTO flagger_endpoints (flagger_id, url, secret, updated_at) VALUES (\(id), \(url), \(secret), \(now))
                    ON CONFLICT (flagger_id) DO UPDATE SET url = excluded.url, secret = excluded.secret, updated_at = excluded.updated_at
                    """], answering: (url, secret == existing ? nil : secret))
            }
        })
    }

    public func notice(id: String, flaggerId: TrustedFlagger.ID) async throws -> FlaggerNoticeStatus? {
        try await read(.first("""
            SELECT r.id, r.received_at, r.category, r.status, r.reporter_trusted_flagger, r.linked_report_id, r.case_id, t.name AS tenant_name
            FROM reports r JOIN tenants t ON t.id = r.tenant_id WHERE r.id = \(id) AND r.flagger_id = \(flaggerId)
            """) { row in
            guard let row else { return .done(nil) }
            let caseId: ModerationCase.ID = try row.id("case_id"), receivedAt = try row.date("received_at")
            return .first("""
                SELECT decision_json, decided_at FROM decisions WHERE case_id = \(caseId) AND superseded_by IS NULL AND decided_at >= \(receivedAt)
                ORDER BY decided_at DESC LIMIT 1
                """) { decision in
                let outcome = try decision.map {
                    FlaggerNoticeStatus.Outcome(
                        decidedAt: try $0.date("decided_at"),
                        restrictions: try JSONDecoder().decode(Decision.self, from: Data(try $0.string("decision_json").utf8)).restrictions)
                }
                return .done(FlaggerNoticeStatus(
                    id: try row.string("id"), tenantName: try row.string("tenant_name"), receivedAt: receivedAt,
                    category: ReportCategory(rawValue: try row.string("category")) ?? .other,
                    withinExpertise: try row.optionalString("reporter_trusted_flagger") != nil, linked: try row.optionalString("linked_report_id") != nil,
                    status: outcome == nil ? "received" : "decided", decision: outcome))
            }
        })
    }

    public func flaggerStatistics(flaggerId: TrustedFlagger.ID, tenantId: Tenant.ID, from: Date, to: Date) async throws -> FlaggerStatistics {
        try await read(.first("SELECT target_hours FROM flaggers WHERE id = \(flaggerId)") { flagger in
            let target = try flagger?.double("target_hours") ?? 24
            // Each notice against the first decision on its case taken after it: the outcome
            // it led to, and how long it waited.
            return .query("""
                SELECT r.received_at,
                  (SELECT MIN(d.decided_at) FROM decisions d WHERE d.case_id = r.case_id AND d.decided_at >= r.received_at) AS decided_at,
                  COALESCE((SELECT MAX(CASE WHEN d.restrictive THEN 1 ELSE 0 END) FROM decisions d WHERE d.case_id = r.case_id
                    AND d.decided_at >= r.received_at AND d.superseded_by IS NULL), 0) AS restricted
                FROM reports r WHERE r.flagger_id = \(flaggerId) AND r.tenant_id = \(tenantId) AND r.received_at >= \(from) AND r.received_at < \(to)
                """) { rows in
                .done(FlaggerStatistics.tally(
                    try rows.map {
                        FlaggerStatistics.Notice(
                            receivedAt: try $0.date("received_at"), decidedAt: try $0.optionalDate("decided_at"),
                            restricted: try $0.int("restricted") == 1)
                    }, targetHours: target))
            }
        })
    }

    public func recordHandoffConsent(reportId: String, tenantId: Tenant.ID, consent: HandoffConsent, now: Date) async throws -> HandoffConsentOutcome {
        try await write(.first("""
            SELECT case_id, handoff_code, handoff_consent FROM reports WHERE id = \(reportId) AND tenant_id = \(tenantId)\(raw: dialect.lockRow)
            """) { row in
            guard let row else { return .done(.notFound) }
            guard let code = try row.optionalString("handoff_code") else { return .done(.noReference) }
            let before = try row.optionalString("handoff_consent")
            // Saying no after yes is a withdrawal; saying no first is a refusal.
            let recorded: HandoffConsent = consent == .given ? .given : (before == HandoffConsent.given.rawValue ? .withdrawn : .refused)
            return .write([
                "UPDATE reports SET handoff_consent = \(recorded.rawValue), handoff_consent_at = \(now) WHERE id = \(reportId)",
                SharedStatements.audit(
                    tenantId: tenantId, actor: "reporter", at: now, action: "report.handoff_consent", caseId: try row.id("case_id"),
                    before: AuditJSON.make(["reportId": reportId, "consent": before]),
                    after: AuditJSON.make(["reportId": reportId, "consent": recorded.rawValue])),
            ], answering: .recorded(reference: code, consent: recorded))
        })
    }
}
