import RelaisCore

/// Every word of the appeal page, in plain language, in each language of the sheet. Stored
/// properties only: the template reads them by name (`{{a.send}}`).
struct AppealTexts: Sendable {
    let title: String
    let introAuthor: String
    let introReporter: String
    let decidedNoAction: String
    let decidedRestricted: String
    let theirReason: String
    let invitation: String
    let deadline: String  // "{date}"
    let explanationLabel: String
    let explanationHint: String
    let send: String
    let sentTitle: String
    let sentText: String  // "{date}"
    let sentReference: String
    let linkInvalidTitle: String
    let linkInvalid: String
    let cannotTitle: String
    let windowClosed: String
    let alreadyOpen: String
    let replaced: String
    let noStanding: String
    let explanationMissing: String
    let free: String
    /// On the report's receipt: how the person will be able to contest the decision.
    let receiptLine: String
    let restrictions: [Decision.Restriction: String]

    static func of(_ language: WebLanguage) -> AppealTexts { language == .fr ? french : english }

    /// The decision in the appellant's words: what was done, one line per restriction.
    func restrictionLines(_ decision: Decision) -> [String] { decision.restrictions.compactMap { restrictions[$0] } }

    static let french = AppealTexts(
        title: "Contester une décision",
        introAuthor: "La plateforme a pris une décision sur un contenu que vous avez publié.",
        introReporter: "Vous avez signalé un contenu. Voici ce que la plateforme a décidé.",
        decidedNoAction: "Elle a décidé de ne rien faire.",
        decidedRestricted: "Elle a décidé :",
        theirReason: "Sa raison :",
        invitation: "Si vous pensez que c’est une erreur, dites-nous pourquoi. Une autre personne que celle qui a décidé va réexaminer la décision. C’est gratuit.",
        deadline: "Vous pouvez contester jusqu’au {date}.",
        explanationLabel: "Pourquoi cette décision est-elle une erreur ?",
        explanationHint: "Expliquez avec vos mots ce qui s’est passé. 5 000 caractères au plus.",
        send: "Envoyer ma contestation",
        sentTitle: "Votre contestation est bien reçue",
        sentText: "Une personne qui n’a pas pris la première décision va la réexaminer, au plus tard le {date}. La plateforme vous dira ce qui a été décidé et pourquoi.",
        sentReference: "Numéro de votre contestation",
        linkInvalidTitle: "Ce lien ne fonctionne plus",
        linkInvalid: "Il a expiré, ou il n’est pas complet. Ouvrez à nouveau le lien que la plateforme vous a envoyé avec sa décision.",
        cannotTitle: "Cette contestation ne peut pas être envoyée",
        windowClosed: "Le délai pour contester cette décision est passé : six mois après que vous en avez été informé·e.",
        alreadyOpen: "Vous avez déjà une contestation en cours pour cette décision. La plateforme vous donnera la réponse.",
        replaced: "Cette décision a déjà été remplacée par une autre. La plateforme vous a informé·e de la nouvelle décision.",
        noStanding: "Ce lien ne permet pas de contester cette décision.",
        explanationMissing: "Écrivez pourquoi la décision vous semble être une erreur.",
        free: "Contester est gratuit. Vous pouvez aussi saisir un organisme de règlement extrajudiciaire des litiges ou la justice.",
        receiptLine: "Si vous n’êtes pas d’accord avec la décision, vous pourrez la contester pendant six mois : la plateforme vous enverra un lien avec sa décision.",
        restrictions: [
            .contentRemoved: "retirer le contenu", .contentDisabled: "rendre le contenu inaccessible", .contentDemoted: "rendre le contenu moins visible",
            .contentAgeRestricted: "réserver le contenu aux adultes", .interactionRestricted: "limiter les réactions au contenu",
            .contentLabelled: "ajouter un avertissement au contenu", .accountSuspended: "suspendre le compte", .accountTerminated: "fermer le compte",
            .serviceSuspended: "suspendre l’accès au service", .monetarySuspended: "suspendre les revenus du compte",
        ])

    static let english = AppealTexts(
        title: "Contest a decision",
        introAuthor: "The platform took a decision about something you posted.",
        introReporter: "You reported something. This is what the platform decided.",
        decidedNoAction: "It decided to do nothing.",
        decidedRestricted: "It decided to:",
        theirReason: "Its reason:",
        invitation: "If you think this is a mistake, tell us why. Someone other than the person who decided will look at the decision again. It is free.",
        deadline: "You can contest it until {date}.",
        explanationLabel: "Why is this decision a mistake?",
        explanationHint: "Explain in your own words what happened. 5,000 characters at most.",
        send: "Send my complaint",
        sentTitle: "Your complaint has been received",
        sentText: "Someone who did not take the first decision will review it by {date} at the latest. The platform will tell you what was decided and why.",
        sentReference: "Your complaint number",
        linkInvalidTitle: "This link no longer works",
        linkInvalid: "It has expired, or it is incomplete. Open again the link the platform sent you with its decision.",
        cannotTitle: "This complaint cannot be sent",
        windowClosed: "The time to contest this decision has passed: six months after you were told of it.",
        alreadyOpen: "You already have a complaint waiting about this decision. The platform will give you the answer.",
        replaced: "This decision has already been replaced by another one. The platform told you about the new decision.",
        noStanding: "This link does not allow contesting this decision.",
        explanationMissing: "Write why you think the decision is a mistake.",
        free: "Contesting is free. You can also go to a certified out-of-court dispute settlement body, or to court.",
        receiptLine: "If you disagree with the decision, you will be able to contest it for six months: the platform will send you a link with its decision.",
        restrictions: [
            .contentRemoved: "remove the content", .contentDisabled: "make the content unavailable", .contentDemoted: "make the content less visible",
            .contentAgeRestricted: "show the content to adults only", .interactionRestricted: "limit reactions to the content",
            .contentLabelled: "add a warning to the content", .accountSuspended: "suspend the account", .accountTerminated: "close the account",
            .serviceSuspended: "suspend access to the service", .monetarySuspended: "suspend the account's earnings",
        ])
}
