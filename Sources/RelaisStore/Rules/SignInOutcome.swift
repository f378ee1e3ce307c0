import Foundation
import RelaisCore

/// What one console sign-in attempt changes, decided from the account as it is (read in
/// the same write transaction, the row locked on PostgreSQL, so attempts sent to several
/// instances at once are all counted and the lock-out holds).
struct SignInOutcome: Sendable, Equatable {
    /// The answer to the caller.
    var record: SignInRecord
    /// The failure count to store, and the lock to set (nil: none).
    var failedSignIns: Int
    var lockedUntil: Date?
    /// Audit entries as (action, before, after).
    var audits: [Audit]
    /// Whether anything is written at all (an attempt on a locked account changes nothing).
    var writes: Bool

    struct Audit: Sendable, Equatable {
        var action: String
        var before: String?
        var after: String?
    }

    /// The lock-out rule: `policy.maxFailures` wrong passwords in a row lock the account for
    /// `policy.lockDuration`; a success clears the count. While locked, every attempt is
    /// refused, the right password too, and nothing is counted.
    static func decide(failedSoFar: Int, lockedUntil: Date?, succeeded: Bool, policy: SignInPolicy, now: Date) -> SignInOutcome {
        if let lockedUntil, lockedUntil > now {
            return SignInOutcome(record: .failed(lockedUntil: lockedUntil), failedSignIns: failedSoFar, lockedUntil: lockedUntil, audits: [], writes: false)
        }
        if succeeded {
            return SignInOutcome(record: .signedIn, failedSignIns: 0, lockedUntil: nil, audits: [Audit(action: "console.signed_in")], writes: true)
        }
        let failures = failedSoFar + 1
        let lock = failures >= policy.maxFailures ? now.addingTimeInterval(policy.lockDuration) : nil
        var audits = [
            Audit(
                action: "console.sign_in_failed", before: AuditJSON.json(["failedSignIns": failures - 1]),
                after: AuditJSON.json(["failedSignIns": failures]))
        ]
        if let lock { audits.append(Audit(action: "console.locked_out", after: AuditJSON.json(["lockedUntil": Timestamp.format(lock)]))) }
        // The count starts again after a lock-out.
        return SignInOutcome(record: .failed(lockedUntil: lock), failedSignIns: lock == nil ? failures : 0, lockedUntil: lock, audits: audits, writes: true)
    }
}
