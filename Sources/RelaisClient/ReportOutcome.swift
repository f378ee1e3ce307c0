import Foundation

/// What `fileReport` did: filed, or kept on the device to be sent later. Either way `help`
/// is the card to show now.
public struct ReportOutcome: Sendable, Equatable {
    /// Filed, or kept on the device.
    public var delivery: Delivery
    /// The card to show, from Relais or decided on the device; `nil` when no card applies
    /// (a category without one, or outside the tenant's rollout).
    public var help: HelpCard?

    /// Where the report is now.
    public enum Delivery: Sendable, Equatable {
        /// Relais stored the report.
        case filed(FiledReport)
        /// Relais could not be reached or could not take it; the report is in the on-device
        /// queue under `idempotencyKey`, and `RelaisClient.deliverQueued()` sends it later
        /// with that same key. `reason` is why the last attempt failed.
        case queued(idempotencyKey: String, reason: RelaisError)
        /// Relais could not be reached and the queue could not be written either (the
        /// device's storage is full or read-only): the report is not kept. Rare; say so.
        case notSent(reason: RelaisError)
    }

    /// An outcome; the client makes these, apps build one only for previews and tests.
    public init(delivery: Delivery, help: HelpCard?) {
        self.delivery = delivery
        self.help = help
    }
}
