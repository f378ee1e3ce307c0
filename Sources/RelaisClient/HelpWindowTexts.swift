/// The help window's own words, around the card's (which come localized from the policy).
/// English and French are built in; an app passes its own for other languages.
public struct HelpWindowTexts: Sendable, Equatable {
    /// A line with a channel open now.
    public var openNow: String
    /// A line with every channel closed now.
    public var closedNow: String
    /// A line whose hours no source gives.
    public var hoursUnknown: String
    /// Shown above an offline card: "{version}" is the directory's version.
    public var decidedOffline: String
    /// The call or message costs nothing.
    public var free: String
    /// The person need not give their name.
    public var anonymous: String
    /// What is said stays with the line.
    public var confidential: String
    /// Before a number shown as text on a desktop: "Number: 3018".
    public var numberLabel: String

    /// Texts of the app's own, for a language the library does not carry.
    public init(
        openNow: String, closedNow: String, hoursUnknown: String, decidedOffline: String, free: String, anonymous: String, confidential: String,
        numberLabel: String
    ) {
        self.openNow = openNow
        self.closedNow = closedNow
        self.hoursUnknown = hoursUnknown
        self.decidedOffline = decidedOffline
        self.free = free
        self.anonymous = anonymous
        self.confidential = confidential
        self.numberLabel = numberLabel
    }

    /// English.
    public static let english = HelpWindowTexts(
        openNow: "Open now", closedNow: "Closed now", hoursUnknown: "Hours not known",
        decidedOffline: "Shown without a connection, from the helpline list saved on this device (version {version}). Your report will be sent when the connection is back.",
        free: "Free", anonymous: "Anonymous", confidential: "Confidential", numberLabel: "Number")

    /// French.
    public static let french = HelpWindowTexts(
        openNow: "Ouvert maintenant", closedNow: "Fermé maintenant", hoursUnknown: "Horaires inconnus",
        decidedOffline: "Affiché sans connexion, d’après la liste des lignes d’aide enregistrée sur cet appareil (version {version}). Votre signalement sera envoyé dès le retour de la connexion.",
        free: "Gratuit", anonymous: "Anonyme", confidential: "Confidentiel", numberLabel: "Numéro")

    /// The built-in texts for a card's language, English for any other.
    public static func forLanguage(_ language: String) -> HelpWindowTexts { language == "fr" ? .french : .english }
}
