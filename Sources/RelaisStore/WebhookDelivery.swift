import Foundation

/// One claimed event with everything needed to send it, read in the claim's transaction.
public struct WebhookDelivery: Sendable, Equatable {
    public var eventId: String
    public var tenantId: Tenant.ID
    public var type: String
    /// The JSON body, sent byte for byte as stored.
    public var payload: String
    /// Attempts made before this one.
    public var attempts: Int
    public var url: String
    public var secret: String

    public init(eventId: String, tenantId: Tenant.ID, type: String, payload: String, attempts: Int, url: String, secret: String) {
        self.eventId = eventId
        self.tenantId = tenantId
        self.type = type
        self.payload = payload
        self.attempts = attempts
        self.url = url
        self.secret = secret
    }
}

/// What a failed attempt leaves behind. `error` is a status code or an error kind, never a
/// response body (it could echo personal data back into Relais's database).
public struct WebhookFailure: Sendable, Equatable {
    public var attempts: Int
    public var error: String
    public var nextAttemptAt: Date
    /// No attempts left: the event becomes a dead letter until replayed.
    public var dead: Bool

    public init(attempts: Int, error: String, nextAttemptAt: Date, dead: Bool) {
        self.attempts = attempts
        self.error = error
        self.nextAttemptAt = nextAttemptAt
        self.dead = dead
    }
}

/// Counts by delivery state, and the dead letters in full.
public struct WebhookStatus: Sendable, Equatable, Codable {
    public struct DeadEvent: Sendable, Equatable, Codable {
        public var id: String
        public var tenant: String
        public var type: String
        public var attempts: Int
        public var lastError: String?
        public var createdAt: Date
    }

    public var pending: Int
    public var delivered: Int
    public var dead: Int
    public var deadEvents: [DeadEvent]
}

/// Which events `relais webhooks replay` puts back to pending.
public enum WebhookReplay: Sendable, Equatable {
    case event(String)
    case dead
}
