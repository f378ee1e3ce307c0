import Dispatch
import HummingbirdBcrypt
import RelaisCore

/// Console passwords: bcrypt (hummingbird-auth), cost 12.
///
/// bcrypt is slow on purpose (a quarter of a second per check at cost 12), so it never runs
/// on an event loop or on Swift's cooperative pool, where it would hold up report intake:
/// every hash and check runs on one serial dispatch queue of its own. At most one core is
/// ever busy with passwords, whatever a flood of sign-in attempts does.
public enum ConsolePasswords {
    public static let minimumLength = 12
    /// bcrypt reads at most 72 bytes; longer passwords are refused rather than truncated.
    public static let maximumBytes = 72
    public static let cost: UInt8 = 12
    private static let queue = DispatchQueue(label: "relais.console.bcrypt", qos: .utility)

    /// Why a new password is refused, or nil.
    public static func problem(with password: String) -> String? {
        if password.count < minimumLength { return "a password needs at least \(minimumLength) characters" }
        if password.utf8.count > maximumBytes { return "a password may use at most \(maximumBytes) bytes (bcrypt ignores the rest)" }
        // bcrypt reads a C string: it would check only what comes before a NUL.
        if !StoredText.isStorable(password) { return "a password must not contain the NUL character (U+0000)" }
        return nil
    }

    /// `cost` below 12 only in tests.
    public static func hash(_ password: String, cost: UInt8 = ConsolePasswords.cost) async -> String {
        await withCheckedContinuation { continuation in
            queue.async { continuation.resume(returning: Bcrypt.hash(password, cost: cost)) }
        }
    }

    static func verify(_ password: String, hash: String) async -> Bool {
        await withCheckedContinuation { continuation in
            queue.async { continuation.resume(returning: Bcrypt.verify(password, hash: hash)) }
        }
    }

    static func verifyDecoy(_ password: String) async -> Bool {
        await withCheckedContinuation { continuation in
            queue.async { continuation.resume(returning: Bcrypt.verify(password, hash: decoy)) }
        }
    }

    /// Checked when the name is unknown or has no password, so that the answer takes as long
    /// as for a real account (no user enumeration by timing).
    static let decoy = Bcrypt.hash("relais-decoy-password", cost: cost)
}
