import Configuration
import Foundation

/// Remembers, per key, which provider answered the last read (swift-configuration's access
/// events list each provider's result in order) and whether a value was there but unusable.
@available(macOS 15, *)
final class SourceRecorder: AccessReporter, @unchecked Sendable {
    private let lock = NSLock()
    private var answered: [AbsoluteConfigKey: String] = [:]
    private var problems: [AbsoluteConfigKey: String] = [:]

    func report(_ event: AccessEvent) {
        var provider: String?
        var problem: String?
        // In the reader's order: the first provider with a value answered (or failed).
        results: for result in event.providerResults {
            switch result.result {
            case .success(let lookup) where lookup.value != nil:
                provider = result.providerName
                break results
            case .failure(let error):
                problem = "\(error)"
                break results
            default:
                continue
            }
        }
        if problem == nil, let conversion = event.conversionError { problem = "\(conversion)" }
        if problem == nil, case .failure(let error) = event.result { problem = "\(error)" }
        let key = event.metadata.key
        lock.withLock {
            answered[key] = provider
            problems[key] = problem
        }
    }

    func provider(for key: AbsoluteConfigKey) throws -> String? { lock.withLock { answered[key] } }
    func problem(for key: AbsoluteConfigKey) -> String? { lock.withLock { problems[key] } }
}
