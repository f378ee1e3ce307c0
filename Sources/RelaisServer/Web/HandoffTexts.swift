/// The words around the hand-off reference on the receipt, in plain language, per language.
struct HandoffTexts: Sendable {
    let title: String
    let explain: String
    let question: String
    let yes: String
    let no: String
    let recordedYes: String
    let recordedNo: String
    let changeMind: String

    static func of(_ language: WebLanguage) -> HandoffTexts { language == .fr ? french : english }

    static let french = HandoffTexts(
        title: "Votre numéro de signalement",
        explain: "Si vous appelez une ligne d’aide, vous pouvez lui donner ce numéro.",
        question: "La ligne d’aide peut-elle utiliser ce numéro pour agir auprès de la plateforme à votre place ? Elle ne verra pas votre signalement.",
        yes: "Oui, elle peut l’utiliser",
        no: "Non",
        recordedYes: "C’est noté : la ligne d’aide peut utiliser votre numéro pour agir à votre place.",
        recordedNo: "C’est noté : la ligne d’aide ne pourra pas utiliser votre numéro.",
        changeMind: "Vous pouvez changer d’avis à tout moment.")

    static let english = HandoffTexts(
        title: "Your report number",
        explain: "If you call a helpline, you can give them this number.",
        question: "May the helpline use this number to act with the platform on your behalf? They will not see your report.",
        yes: "Yes, they may use it",
        no: "No",
        recordedYes: "Noted: the helpline may use your number to act on your behalf.",
        recordedNo: "Noted: the helpline will not be able to use your number.",
        changeMind: "You can change your mind at any time.")
}
