import RelaisCore

/// Reads each tenant's decision presets (`tenants.NAME.presets`, docs/moderation.md) out of the
/// config file's JSON, checking each through `DecisionPreset.validate(json:)`, that is through
/// the rules every decision goes through. A problem is named by its path in the file, so that
/// `serve` refuses to start with a message an operator can act on.
enum PresetSettings {
    static func read(_ json: Any) -> (presets: [String: [DecisionPreset]], problems: [String]) {
        guard let tenants = (json as? [String: Any])?["tenants"] as? [String: Any] else { return ([:], []) }
        var presets: [String: [DecisionPreset]] = [:]
        var problems: [String] = []
        for (name, settings) in tenants.sorted(by: { $0.key < $1.key }) {
            guard let raw = (settings as? [String: Any])?["presets"] else { continue }
            let path = "tenants.\(name).presets"
            guard let items = raw as? [Any] else {
                problems.append("\(path): must be an array of presets")
                continue
            }
            var read: [DecisionPreset] = []
            for (index, item) in items.enumerated() {
                let id = ((item as? [String: Any])?["id"] as? String).map { " (\($0))" } ?? ""
                switch DecisionPreset.validate(json: item) {
                case .success(let preset):
                    if read.contains(where: { $0.id == preset.id }) {
                        problems.append("\(path).\(index)\(id): id: '\(preset.id)' is used by an earlier preset of this tenant")
                    } else {
                        read.append(preset)
                    }
                case .failure(let failure):
                    problems += failure.errors.map { "\(path).\(index)\(id): \($0.field): \($0.message)" }
                }
            }
            presets[name] = read
        }
        return (presets, problems)
    }
}
