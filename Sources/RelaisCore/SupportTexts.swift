import Foundation

/// The help card's words in one language. Every field is required, so a language cannot
/// ship with a missing text: the compiler refuses it.
public struct SupportTexts: Sendable {
    public let language: String
    let titles: (standard: String, emergencyFirst: String, suicidePrevention: String, childProtection: String)
    let messages: (standard: String, emergencyFirst: String, suicidePrevention: String, childProtection: String)
    /// "{name} is closed right now and opens again at {time}." — followed by the message.
    let closedPrefix: String
    /// The same, when the line opens again tomorrow ("{time}").
    let closedPrefixTomorrow: String
    /// The same, when it opens again later in the week ("{day}", "{time}").
    let closedPrefixOnDay: String
    /// Monday first.
    let weekdays: [String]
    let call: String  // "{number}"
    let sms: String
    /// An SMS with a keyword: "{body}", "{number}".
    let smsKeyword: String
    let chat: String
    let website: String  // "{host}"
    let app: String
    let email: String
    let alwaysOpen: String
    let closedToday: String
    public let hoursUnknown: String
    /// The threat message when the card has no emergency number to name.
    let emergencyWithoutNumber: String
    /// No line of the card is open: "{emergency}" is the emergency number.
    let noLineOpen: String
    /// The same, when the card has no emergency number to name.
    let noLineOpenWithoutNumber: String
    /// A public holiday that closes the line ("{holiday}"), gives it special hours
    /// ("{holiday}", "{hours}"), or whose hours no source gives ("{holiday}").
    let holidayClosed: String
    let holidaySpecial: String
    let holidayUnknown: String
    let whatsapp: String
    let messenger: String
    let video: String
    /// The name of 112 where no source names it in the reader's language: "{number}" (EU law
    /// names it the single European emergency number in every language).
    let europeanEmergency: String
    /// What the EU's harmonised 116 numbers are for, as Decision 2007/116/EC names them in
    /// every language (116 000, 116 111, 116 123, 116 006).
    let harmonised: (missingChildren: String, childHelpline: String, emotionalSupport: String, victims: String)
    /// A 116 line with no name in the reader's language: "{name} ({service}, {number})", or
    /// "{number} – {service}" when its name is the number itself.
    let harmonisedName: String
    let harmonisedNumber: String

    /// The service of a harmonised European 116 number, in this language.
    func harmonisedService(_ dialable: String) -> String? {
        switch dialable {
        case "116000": harmonised.missingChildren
        case "116111": harmonised.childHelpline
        case "116123": harmonised.emotionalSupport
        case "116006": harmonised.victims
        default: nil
        }
    }

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
    public static func forLanguage(_ tag: LanguageTag?) -> SupportTexts { all[languageIndex(tag)] }

    /// Where `tag`'s language is in `all`; English's when Relais has no texts in it.
    /// Compares the primary subtag without building a string: it runs for every report.
    public static func languageIndex(_ tag: LanguageTag?) -> Int {
        guard let tag else { return englishIndex }
        return all.firstIndex { $0.language == tag.language } ?? englishIndex
    }

    public static let all: [SupportTexts] = [french, english, german, spanish, italian, dutch]
    static let englishIndex = 1

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
        closedPrefixTomorrow: "{name} est fermé pour le moment et rouvre demain à {time}.",
        closedPrefixOnDay: "{name} est fermé pour le moment et rouvre {day} à {time}.",
        weekdays: ["lundi", "mardi", "mercredi", "jeudi", "vendredi", "samedi", "dimanche"],
        call: "Appeler le {number}",
        sms: "Envoyer un SMS au {number}",
        smsKeyword: "Envoyer {body} au {number} par SMS",
        chat: "Discuter en ligne",
        website: "Site : {host}",
        app: "Télécharger l’application",
        email: "Écrire un e-mail",
        alwaysOpen: "24 h/24, 7 j/7",
        closedToday: "Fermé aujourd’hui",
        hoursUnknown: "Horaires non connus",
        emergencyWithoutNumber: "En cas de danger immédiat, appelez les secours. Vous pouvez aussi en parler à quelqu’un qui peut vous aider.",
        noLineOpen: "Aucune ligne n’est ouverte pour le moment. En cas de danger, appelez le {emergency}.",
        noLineOpenWithoutNumber: "Aucune ligne n’est ouverte pour le moment ; chacune indique quand elle rouvre.",
        holidayClosed: "Jour férié ({holiday}) : fermé aujourd’hui",
        holidaySpecial: "Jour férié ({holiday}) : ouvert {hours}",
        holidayUnknown: "Jour férié ({holiday}) : horaires du jour non connus",
        whatsapp: "Écrire sur WhatsApp",
        messenger: "Écrire sur Messenger",
        video: "Appel vidéo",
        europeanEmergency: "{number} – numéro d’urgence européen",
        harmonised: (missingChildren: "numéro pour les enfants disparus", childHelpline: "ligne d’écoute pour les enfants", emotionalSupport: "ligne de soutien émotionnel", victims: "ligne d’aide aux victimes"),
        harmonisedName: "{name} ({service}, {number})",
        harmonisedNumber: "{number} – {service}"
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
        closedPrefixTomorrow: "{name} is closed right now and opens again tomorrow at {time}.",
        closedPrefixOnDay: "{name} is closed right now and opens again on {day} at {time}.",
        weekdays: ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"],
        call: "Call {number}",
        sms: "Text {number}",
        smsKeyword: "Text {body} to {number}",
        chat: "Chat online",
        website: "Website: {host}",
        app: "Get the app",
        email: "Send an email",
        alwaysOpen: "Open 24/7",
        closedToday: "Closed today",
        hoursUnknown: "Hours not known",
        emergencyWithoutNumber: "If you are in immediate danger, call the emergency services. You can also talk to someone who can help.",
        noLineOpen: "No line is open right now. If you are in danger, call {emergency}.",
        noLineOpenWithoutNumber: "No line is open right now; each one says when it opens again.",
        holidayClosed: "Public holiday ({holiday}): closed today",
        holidaySpecial: "Public holiday ({holiday}): open {hours}",
        holidayUnknown: "Public holiday ({holiday}): today’s hours not known",
        whatsapp: "Chat on WhatsApp",
        messenger: "Chat on Messenger",
        video: "Video call",
        europeanEmergency: "{number} – European emergency number",
        harmonised: (missingChildren: "hotline for missing children", childHelpline: "child helpline", emotionalSupport: "emotional support helpline", victims: "helpline for victims of crime"),
        harmonisedName: "{name} ({service}, {number})",
        harmonisedNumber: "{number} – {service}"
    )
    public static let german = SupportTexts(
        language: "de",
        titles: (
            standard: "Du bist nicht allein",
            emergencyFirst: "Wenn du in Gefahr bist",
            suicidePrevention: "Du bist wichtig",
            childProtection: "Es ist nicht deine Schuld"
        ),
        messages: (
            standard: "Sprich mit jemandem, der dir helfen kann.",
            emergencyFirst: "Wenn du in akuter Gefahr bist, ruf die {emergency} an. Du kannst auch mit jemandem sprechen, der dir helfen kann.",
            suicidePrevention: "Wenn du daran denkst, dir das Leben zu nehmen oder dir wehzutun, sprich jetzt mit jemandem: Man hört dir zu.",
            childProtection: "Dafür ausgebildete Leute können dir helfen und dich schützen. Du kannst jetzt mit ihnen sprechen."
        ),
        closedPrefix: "{name} ist gerade nicht erreichbar und ab {time} Uhr wieder da.",
        closedPrefixTomorrow: "{name} ist gerade nicht erreichbar und morgen ab {time} Uhr wieder da.",
        closedPrefixOnDay: "{name} ist gerade nicht erreichbar und am {day} ab {time} Uhr wieder da.",
        weekdays: ["Montag", "Dienstag", "Mittwoch", "Donnerstag", "Freitag", "Samstag", "Sonntag"],
        call: "{number} anrufen",
        sms: "SMS an {number}",
        smsKeyword: "{body} per SMS an {number}",
        chat: "Online chatten",
        website: "Website: {host}",
        app: "App holen",
        email: "E-Mail schreiben",
        alwaysOpen: "Rund um die Uhr erreichbar",
        closedToday: "Heute nicht erreichbar",
        hoursUnknown: "Zeiten nicht bekannt",
        emergencyWithoutNumber: "Wenn du in akuter Gefahr bist, ruf den Notruf an. Du kannst auch mit jemandem sprechen, der dir helfen kann.",
        noLineOpen: "Gerade ist keine Beratung erreichbar. Wenn du in Gefahr bist, ruf die {emergency} an.",
        noLineOpenWithoutNumber: "Gerade ist keine Beratung erreichbar; bei jeder steht, wann sie wieder da ist.",
        holidayClosed: "Feiertag ({holiday}): heute nicht erreichbar",
        holidaySpecial: "Feiertag ({holiday}): erreichbar {hours}",
        holidayUnknown: "Feiertag ({holiday}): Zeiten heute nicht bekannt",
        whatsapp: "Über WhatsApp schreiben",
        messenger: "Über Messenger schreiben",
        video: "Videoanruf",
        europeanEmergency: "{number} – europäische Notrufnummer",
        harmonised: (missingChildren: "Hotline für vermisste Kinder", childHelpline: "Kinder- und Jugendtelefon", emotionalSupport: "Hotline für emotionale Unterstützung", victims: "Hotline für Opfer von Straftaten"),
        harmonisedName: "{name} ({service}, {number})",
        harmonisedNumber: "{number} – {service}"
    )

    public static let spanish = SupportTexts(
        language: "es",
        titles: (
            standard: "No estás solo, no estás sola",
            emergencyFirst: "Si estás en peligro",
            suicidePrevention: "Tú importas",
            childProtection: "No es culpa tuya"
        ),
        messages: (
            standard: "Habla con alguien que pueda ayudarte.",
            emergencyFirst: "Si estás en peligro inmediato, llama al {emergency}. También puedes hablar con alguien que pueda ayudarte.",
            suicidePrevention: "Si estás pensando en el suicidio o en hacerte daño, habla con alguien ahora: te van a escuchar.",
            childProtection: "Hay personas formadas para ayudarte y protegerte. Puedes hablar con ellas ahora."
        ),
        closedPrefix: "{name} está cerrado ahora y vuelve a abrir a las {time}.",
        closedPrefixTomorrow: "{name} está cerrado ahora y vuelve a abrir mañana a las {time}.",
        closedPrefixOnDay: "{name} está cerrado ahora y vuelve a abrir el {day} a las {time}.",
        weekdays: ["lunes", "martes", "miércoles", "jueves", "viernes", "sábado", "domingo"],
        call: "Llamar al {number}",
        sms: "Enviar SMS al {number}",
        smsKeyword: "Envía {body} por SMS al {number}",
        chat: "Chatear en línea",
        website: "Web: {host}",
        app: "Descargar la app",
        email: "Enviar un correo",
        alwaysOpen: "Abierto 24/7",
        closedToday: "Cerrado hoy",
        hoursUnknown: "Horario desconocido",
        emergencyWithoutNumber: "Si estás en peligro inmediato, llama a los servicios de emergencia. También puedes hablar con alguien que pueda ayudarte.",
        noLineOpen: "Ahora no hay ninguna línea abierta. Si estás en peligro, llama al {emergency}.",
        noLineOpenWithoutNumber: "Ahora no hay ninguna línea abierta; cada una indica cuándo vuelve a abrir.",
        holidayClosed: "Festivo ({holiday}): cerrado hoy",
        holidaySpecial: "Festivo ({holiday}): abierto {hours}",
        holidayUnknown: "Festivo ({holiday}): horario de hoy desconocido",
        whatsapp: "Escribir por WhatsApp",
        messenger: "Escribir por Messenger",
        video: "Videollamada",
        europeanEmergency: "{number} – número europeo de emergencias",
        harmonised: (missingChildren: "línea para niños desaparecidos", childHelpline: "línea de ayuda a la infancia", emotionalSupport: "línea de apoyo emocional", victims: "línea de ayuda a las víctimas de delitos"),
        harmonisedName: "{name} ({service}, {number})",
        harmonisedNumber: "{number} – {service}"
    )

    public static let italian = SupportTexts(
        language: "it",
        titles: (
            standard: "Non sei solo, non sei sola",
            emergencyFirst: "Se sei in pericolo",
            suicidePrevention: "Tu conti",
            childProtection: "Non è colpa tua"
        ),
        messages: (
            standard: "Parlane con qualcuno che può aiutarti.",
            emergencyFirst: "Se sei in pericolo immediato, chiama il {emergency}. Puoi anche parlarne con qualcuno che può aiutarti.",
            suicidePrevention: "Se stai pensando al suicidio o a farti del male, parlane adesso con qualcuno: ti ascolterà.",
            childProtection: "Ci sono persone preparate che possono aiutarti e proteggerti. Puoi parlare con loro adesso."
        ),
        closedPrefix: "{name} ora è chiuso e riapre alle {time}.",
        closedPrefixTomorrow: "{name} ora è chiuso e riapre domani alle {time}.",
        closedPrefixOnDay: "{name} ora è chiuso e riapre {day} alle {time}.",
        weekdays: ["lunedì", "martedì", "mercoledì", "giovedì", "venerdì", "sabato", "domenica"],
        call: "Chiama il {number}",
        sms: "Manda un SMS al {number}",
        smsKeyword: "Invia {body} via SMS al {number}",
        chat: "Chatta online",
        website: "Sito: {host}",
        app: "Scarica l’app",
        email: "Scrivi un’email",
        alwaysOpen: "Sempre aperto, 24/7",
        closedToday: "Chiuso oggi",
        hoursUnknown: "Orari non noti",
        emergencyWithoutNumber: "Se sei in pericolo immediato, chiama i soccorsi. Puoi anche parlarne con qualcuno che può aiutarti.",
        noLineOpen: "Ora nessuna linea è aperta. Se sei in pericolo, chiama il {emergency}.",
        noLineOpenWithoutNumber: "Ora nessuna linea è aperta; ognuna indica quando riapre.",
        holidayClosed: "Giorno festivo ({holiday}): chiuso oggi",
        holidaySpecial: "Giorno festivo ({holiday}): aperto {hours}",
        holidayUnknown: "Giorno festivo ({holiday}): orari di oggi non noti",
        whatsapp: "Scrivi su WhatsApp",
        messenger: "Scrivi su Messenger",
        video: "Videochiamata",
        europeanEmergency: "{number} – numero di emergenza europeo",
        harmonised: (missingChildren: "numero per i bambini scomparsi", childHelpline: "linea di ascolto per bambini", emotionalSupport: "linea di sostegno emotivo", victims: "linea per le vittime di reati"),
        harmonisedName: "{name} ({service}, {number})",
        harmonisedNumber: "{number} – {service}"
    )

    public static let dutch = SupportTexts(
        language: "nl",
        titles: (
            standard: "Je staat er niet alleen voor",
            emergencyFirst: "Als je in gevaar bent",
            suicidePrevention: "Jij doet ertoe",
            childProtection: "Het is niet jouw schuld"
        ),
        messages: (
            standard: "Praat met iemand die je kan helpen.",
            emergencyFirst: "Ben je in direct gevaar? Bel dan {emergency}. Je kunt ook praten met iemand die je kan helpen.",
            suicidePrevention: "Denk je aan zelfmoord of wil je jezelf pijn doen? Praat er nu met iemand over: er wordt naar je geluisterd.",
            childProtection: "Er zijn mensen die hiervoor opgeleid zijn. Ze kunnen je helpen en beschermen. Je kunt nu met ze praten."
        ),
        closedPrefix: "{name} is nu dicht en om {time} weer open.",
        closedPrefixTomorrow: "{name} is nu dicht en morgen om {time} weer open.",
        closedPrefixOnDay: "{name} is nu dicht en op {day} om {time} weer open.",
        weekdays: ["maandag", "dinsdag", "woensdag", "donderdag", "vrijdag", "zaterdag", "zondag"],
        call: "Bel {number}",
        sms: "Sms naar {number}",
        smsKeyword: "Sms {body} naar {number}",
        chat: "Online chatten",
        website: "Website: {host}",
        app: "Download de app",
        email: "Stuur een e-mail",
        alwaysOpen: "Dag en nacht open (24/7)",
        closedToday: "Vandaag gesloten",
        hoursUnknown: "Openingstijden niet bekend",
        emergencyWithoutNumber: "Ben je in direct gevaar? Bel dan de hulpdiensten. Je kunt ook praten met iemand die je kan helpen.",
        noLineOpen: "Er is nu geen lijn open. Ben je in gevaar? Bel dan {emergency}.",
        noLineOpenWithoutNumber: "Er is nu geen lijn open; bij elke lijn staat wanneer die weer open is.",
        holidayClosed: "Feestdag ({holiday}): vandaag gesloten",
        holidaySpecial: "Feestdag ({holiday}): open {hours}",
        holidayUnknown: "Feestdag ({holiday}): openingstijden vandaag niet bekend",
        whatsapp: "Chat via WhatsApp",
        messenger: "Chat via Messenger",
        video: "Videobellen",
        europeanEmergency: "{number} – Europees alarmnummer",
        harmonised: (missingChildren: "hotline voor vermiste kinderen", childHelpline: "hulplijn voor kinderen", emotionalSupport: "hulplijn voor emotionele steun", victims: "hulplijn voor slachtoffers van misdrijven"),
        harmonisedName: "{name} ({service}, {number})",
        harmonisedNumber: "{number} – {service}"
    )
}

extension String {
    /// Replaces `{key}` placeholders with typed, non-empty values. Written out by hand: it
    /// runs for every text of every card, and Foundation's `replacingOccurrences` was a
    /// visible share of a report's cost. A placeholder without a value stays visible, and
    /// the exhaustive render test fails on it.
    func filling(_ values: KeyValuePairs<String, TextSlot>) -> String {
        guard contains("{") else { return self }
        var result = ""
        result.reserveCapacity(utf8.count + 16)
        var rest = self[...]
        while let open = rest.firstIndex(of: "{") {
            guard let close = rest[open...].firstIndex(of: "}") else { break }
            result += rest[..<open]
            let key = rest[rest.index(after: open)..<close]
            if let value = values.first(where: { $0.key == key })?.value {
                result += value.text
            } else {
                result += rest[open...close]
            }
            rest = rest[rest.index(after: close)...]
        }
        result += rest
        return result
    }

    /// The `{slot}` names of a template, for the tests that check every language has the
    /// same slots as English.
    public var placeholders: [String] {
        var names: [String] = []
        var rest = self[...]
        while let open = rest.firstIndex(of: "{"), let close = rest[open...].firstIndex(of: "}") {
            names.append(String(rest[rest.index(after: open)..<close]))
            rest = rest[rest.index(after: close)...]
        }
        return names.sorted()
    }
}
