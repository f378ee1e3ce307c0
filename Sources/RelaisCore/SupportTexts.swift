import Foundation

/// The help card's words in one language. Every field is required, so a language cannot
/// ship with a missing text: the compiler refuses it.
public struct SupportTexts: Sendable {
    public let language: String
    let titles: (standard: String, emergencyFirst: String, suicidePrevention: String, childProtection: String)
    let messages: (standard: String, emergencyFirst: String, suicidePrevention: String, childProtection: String)
    /// "{name} is closed right now and opens again at {time}." — followed by the message.
    let closedPrefix: String
    let call: String  // "{number}"
    let sms: String
    let chat: String
    let website: String  // "{host}"
    let app: String
    let email: String
    let alwaysOpen: String
    let closedToday: String
    let hoursUnknown: String

    public func title(for urgency: SupportUrgency) -> String {
        switch urgency {
        case .standard: titles.standard
        case .emergencyFirst: titles.emergencyFirst
        case .suicidePrevention: titles.suicidePrevention
        case .childProtection: titles.childProtection
        }
    }

    func message(for urgency: SupportUrgency) -> String {
        switch urgency {
        case .standard: messages.standard
        case .emergencyFirst: messages.emergencyFirst
        case .suicidePrevention: messages.suicidePrevention
        case .childProtection: messages.childProtection
        }
    }

    /// The texts for a language tag, English when the language has none.
    public static func forLanguage(_ tag: LanguageTag?) -> SupportTexts {
        guard let tag else { return english }
        return all.first { $0.language == tag.language } ?? english
    }

    public static var all: [SupportTexts] { [french, english] }

    public static let french = SupportTexts(
        language: "fr",
        titles: (
            standard: "Vous n’êtes pas seul·e",
            emergencyFirst: "Si vous êtes en danger",
            suicidePrevention: "Vous comptez",
            childProtection: "Ce n’est pas de votre faute"
        ),
        messages: (
            standard: "Parlez-en à quelqu’un qui peut vous aider.",
            emergencyFirst: "En cas de danger immédiat, appelez le {emergency}. Vous pouvez aussi en parler à quelqu’un qui peut vous aider.",
            suicidePrevention: "Si vous pensez au suicide ou à vous faire du mal, parlez-en maintenant : quelqu’un peut vous écouter.",
            childProtection: "Des personnes formées peuvent vous aider et vous protéger. Vous pouvez leur parler maintenant."
        ),
        closedPrefix: "{name} est fermé pour le moment et rouvre à {time}.",
        call: "Appeler le {number}",
        sms: "Envoyer un SMS au {number}",
        chat: "Discuter en ligne",
        website: "Site : {host}",
        app: "Télécharger l’application",
        email: "Écrire un e-mail",
        alwaysOpen: "24 h/24, 7 j/7",
        closedToday: "Fermé aujourd’hui",
        hoursUnknown: "Horaires non confirmés"
    )

    public static let english = SupportTexts(
        language: "en",
        titles: (
            standard: "You’re not alone",
            emergencyFirst: "If you are in danger",
            suicidePrevention: "You matter",
            childProtection: "It’s not your fault"
        ),
        messages: (
            standard: "Talk to someone who can help.",
            emergencyFirst: "If you are in immediate danger, call {emergency}. You can also talk to someone who can help.",
            suicidePrevention: "If you are thinking about suicide or hurting yourself, talk to someone now: they can listen.",
            childProtection: "Trained people can help and protect you. You can talk to them now."
        ),
        closedPrefix: "{name} is closed right now and opens again at {time}.",
        call: "Call {number}",
        sms: "Text {number}",
        chat: "Chat online",
        website: "Website: {host}",
        app: "Get the app",
        email: "Send an email",
        alwaysOpen: "Open 24/7",
        closedToday: "Closed today",
        hoursUnknown: "Hours not confirmed"
    )
}

extension String {
    /// Replaces `{key}` placeholders.
    func filling(_ values: KeyValuePairs<String, String>) -> String {
        var result = self
        for (key, value) in values { result = result.replacingOccurrences(of: "{\(key)}", with: value) }
        return result
    }
}
