import Foundation
import RelaisStore

/// The instance secrets (`RelaisStorage.sharedSecret`), asked of the database once per name
/// and process: the receipt's status link is sealed on every report, and asking the store
/// means a write transaction, which a raid of reports should not pay for each time.
actor SharedSecrets {
    private let storage: any RelaisStorage
    private var known: [String: Data] = [:]

    init(storage: any RelaisStorage) { self.storage = storage }

    func secret(named name: String) async throws -> Data {
        if let secret = known[name] { return secret }
        let secret = try await storage.sharedSecret(named: name)
        known[name] = secret
        return secret
    }
}
