import Foundation
import Testing

@testable import RelaisCore

@Suite("Decision presets: checked like any decision, ordered by the case's categories, overridden field by field")
struct DecisionPresetTests {
    static let harassmentOfAMinor = #"""
        {"id": "harassment-minor", "label": "Harassment of a minor", "categories": ["harassment", "threat"],
         "decision": {"restrictions": ["content_removed"], "ground": "incompatible", "termsClause": "Terms §4.2",
                      "explanation": "Harassment of a minor breaks our terms.", "facts": "Content aimed at a minor, reported by them.",
                      "warnAuthor": true}}
        """#
    static let spam = #"""
        {"id": "spam-ok", "label": "Not a violation", "categories": ["spam"],
         "decision": {"restrictions": [], "explanation": "No rule broken."}}
        """#

    static func preset(_ text: String) throws -> DecisionPreset { try #require(DecisionPreset.validate(json: Fixture.json(text)).value) }

    @Test("a sound preset is read, with a human decision and the case's scope by default")
    func sound() throws {
        let preset = try Self.preset(Self.harassmentOfAMinor)
        #expect(preset.id == "harassment-minor")
        #expect(preset.categories == [.harassment, .threat])
        #expect(preset.decision.restrictions == [.contentRemoved])
        #expect(preset.decision.warnAuthor)
        #expect(preset.decision.automatedDecision == .notAutomated)
        #expect(!preset.setsScope)
        #expect(preset.body["territorialScope"] == nil, "the scope comes from the case")
        #expect(preset.body["termsClause"] as? String == "Terms §4.2")
    }

    @Test("a preset the decision rules refuse is refused with every reason, under decision.")
    func refused() {
        let result = DecisionPreset.validate(json: Fixture.json(#"""
            {"id": "bad id", "label": "", "categories": ["harassment", "gossip"],
             "decision": {"restrictions": ["content_removed"], "ground": "incompatible", "explanation": "x", "endDate": "2027-01-01"}}
            """#))
        #expect(result.errorFields == ["id", "label", "categories.1", "decision.endDate", "decision.termsClause", "decision.facts"])
        #expect(DecisionPreset.validate(json: Fixture.json(#"{"id": "a", "label": "A"}"#)).errorFields == ["decision"])
    }

    @Test("the presets written for the case's categories come first, in the config's order; no categories fits every case")
    func ordered() throws {
        let minor = try Self.preset(Self.harassmentOfAMinor), spam = try Self.preset(Self.spam)
        let any = try Self.preset(#"{"id": "any", "label": "Any", "decision": {"restrictions": [], "explanation": "Nothing to do."}}"#)
        let (fitting, others) = DecisionPreset.ordered([spam, minor, any], for: [.threat])
        #expect(fitting.map(\.id) == ["harassment-minor", "any"])
        #expect(others.map(\.id) == ["spam-ok"])
    }

    @Test("a body naming a preset: the preset's fields, and every field given overrides it")
    func resolving() throws {
        let presets = [try Self.preset(Self.harassmentOfAMinor)]
        let body = Fixture.json(#"{"preset": "harassment-minor", "territorialScope": ["BE"], "explanation": "Edited by the moderator."}"#)
        let resolved = try #require(DecisionPreset.resolving(body, presets: presets).value)
        let decision = try #require(Decision.validate(json: resolved).value)
        #expect(decision.termsClause == "Terms §4.2")
        #expect(decision.explanation == "Edited by the moderator.")
        #expect(decision.territorialScope.map(\.rawValue) == ["BE"])
        #expect(decision.warnAuthor)
        // Without a scope, the decision is refused for it like any decision without one.
        let noScope = try #require(DecisionPreset.resolving(Fixture.json(#"{"preset": "harassment-minor"}"#), presets: presets).value)
        #expect(Decision.validate(json: noScope).errorFields == ["territorialScope"])
        // A body without a preset is left as it is.
        #expect((try #require(DecisionPreset.resolving(Fixture.json(#"{"explanation": "x"}"#), presets: presets).value) as? [String: Any])?.count == 1)
    }

    @Test("an unknown preset is refused with the body's other errors, in one answer")
    func unknown() {
        let result = DecisionPreset.resolving(Fixture.json(#"{"preset": "nope", "restrictions": ["content_removed"]}"#), presets: [])
        #expect(result.fieldErrors.first?.field == "preset")
        #expect(Set(result.errorFields).isSuperset(of: ["preset", "explanation", "ground", "facts"]))
    }
}
