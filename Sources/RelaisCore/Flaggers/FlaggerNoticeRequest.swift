import Foundation

/// A trusted flagger's notice as `POST /v1/flagger/notices` receives it, validated: for which
/// tenant, what about, and the hand-off reference the person gave the helpline, if any. The
/// notice becomes a report whose reporter is the flagger (never a person's id), so it goes
/// through the same rules as every report.
public struct FlaggerNoticeRequest: Sendable, Equatable {
    public var tenant: String
    public var draft: ReportDraft
    /// Normalized (`K7M-4QP`); `nil` when none was cited.
    public var reference: String?

    /// Every field error at once, in the notice's field names. `flaggerName` becomes the
    /// reporter of the notice; `withinExpertise` decides whether it carries the flagger's
    /// priority (`ReportDraft.Reporter.trustedFlagger`).
    public static func validate(json: Any, flaggerName: String, expertise: Set<ReportCategory>) -> Result<FlaggerNoticeRequest, ValidationFailure> {
        guard let body = json as? [String: Any] else { return .failure(ValidationFailure([FieldError("body", "must be a JSON object")])) }
        var errors: [FieldError] = []
        let tenant = body["tenant"] as? String
        if tenant == nil || tenant!.isEmpty || tenant!.count > 64 { errors.append(FieldError("tenant", "is required: the name of the platform the notice is for")) }
        var reference: String?
        if let raw = body["reference"], !(raw is NSNull) {
            if let text = raw as? String, let normalized = HandoffReference.normalized(text) { reference = normalized } else {
                errors.append(FieldError("reference", "must be a hand-off reference such as K7M-4QP (six letters and digits)"))
            }
        }
        var draftJSON: [String: Any] = [
            "surface": "trusted_flagger",
            "reporter": [
                "id": "flagger:" + flaggerName, "country": body["country"] ?? NSNull(), "locale": body["locale"] ?? "fr-FR", "ageBracket": "unknown",
                "isTarget": false,
            ] as [String: Any],
            "goodFaith": body["goodFaith"] ?? NSNull(),
        ]
        for key in ["category", "subject", "details"] { if let value = body[key] { draftJSON[key] = value } }
        var draft: ReportDraft?
        switch ReportDraft.validate(draftJSON) {
        case .success(let valid): draft = valid
        case .failure(let failure):
            // The reporter is built here: its fields are the notice's own `country` and `locale`.
            errors += failure.errors.map { $0.field.hasPrefix("reporter.") ? FieldError(String($0.field.dropFirst("reporter.".count)), $0.message) : $0 }
        }
        guard errors.isEmpty, let tenant, var draft else { return .failure(ValidationFailure(errors)) }
        if expertise.contains(draft.category) { draft.reporter.trustedFlagger = flaggerName }
        return .success(FlaggerNoticeRequest(tenant: tenant, draft: draft, reference: reference))
    }
}
