import Foundation

/// What one answer of the Transparency Database's batch endpoint (`POST /api/v1/statements`)
/// means for the statements sent (dsa-notes §1.2). The batch is all or nothing: anything but a
/// 201 stored none of them.
public enum TransparencyBatchOutcome: Sendable, Equatable {
    /// 201: every statement stored; the Database's uuid and permalink by puid.
    case created([String: TransparencyReceipt])
    /// 422 `{"errors": {"statement_N": {field: [messages]}}}`: those positions refused,
    /// with their reasons; the others were valid but not stored either.
    case refused([Int: [String: [String]]])
    /// 422 `{"errors": {"puid": […], "existing_puids": […]}}`: puids the platform has
    /// already used (or repeated within the call).
    case duplicatePuids([String])
    /// 401 or 403: the token is missing, wrong, replaced by a newer one, or lacks the
    /// permission; sending again cannot help until someone fixes it.
    case tokenRefused(Int)
    /// 429, 5xx, no answer, or an answer not understood: try again later.
    case retry(String)

    public struct TransparencyReceipt: Sendable, Equatable {
        public var uuid: String?
        public var permalink: String?

        public init(uuid: String?, permalink: String?) {
            self.uuid = uuid
            self.permalink = permalink
        }
    }

    public static func classify(status: Int, body: Data) -> TransparencyBatchOutcome {
        let json = try? JSONSerialization.jsonObject(with: body) as? [String: Any]
        switch status {
        case 201:
            var receipts: [String: TransparencyReceipt] = [:]
            for item in (json?["statements"] as? [[String: Any]]) ?? [] {
                guard let puid = item["puid"] as? String else { continue }
                receipts[puid] = TransparencyReceipt(uuid: item["uuid"] as? String, permalink: item["permalink"] as? String)
            }
            return .created(receipts)
        case 401, 403:
            return .tokenRefused(status)
        case 422:
            guard let errors = json?["errors"] as? [String: Any] else { return .retry("HTTP 422 without errors") }
            if errors["puid"] != nil || errors["existing_puids"] != nil {
                return .duplicatePuids((errors["existing_puids"] as? [Any])?.compactMap { $0 as? String } ?? [])
            }
            var refused: [Int: [String: [String]]] = [:]
            for (key, value) in errors {
                guard key.hasPrefix("statement_"), let index = Int(key.dropFirst("statement_".count)), let fields = value as? [String: Any] else {
                    return .retry("HTTP 422 not understood")
                }
                refused[index] = fields.mapValues { ($0 as? [Any])?.map { "\($0)" } ?? ["\($0)"] }
            }
            return refused.isEmpty ? .retry("HTTP 422 not understood") : .refused(refused)
        case 429:
            return .retry("HTTP 429 (rate limited)")
        default:
            return .retry("HTTP \(status)")
        }
    }
}
