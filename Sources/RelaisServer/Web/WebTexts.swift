import RelaisCore

/// Every word of the web pages in one language. Stored properties only: the templates read
/// them by name (`{{t.next}}`), and a language cannot ship with a missing text.
struct WebTexts: Sendable {
    let languageName: String
    let switchLanguage: String
    let close: String
    let sheetTitle: String
    let stepOf: String  // "{step}" "{total}"
    let whatIsWrong: String
    let harassmentFamily: String
    let otherProblems: String
    let getHelpNow: String
    let getHelpNowHint: String
    let detailsTitle: String
    let detailsLabel: String
    let detailsHint: String
    let aboutMeLabel: String
    let confirmTitle: String
    let goodFaithLabel: String
    let send: String
    let back: String
    let chosenCategory: String
    let receiptTitle: String
    let receiptText: String
    let receiptReference: String
    let receiptNext: String
    let seeHelp: String
    let helpWindowLabel: String
    let free: String
    let anonymous: String
    let confidential: String
    let openNow: String
    let closedNow: String
    /// A line whose hours no source gives: neither open nor closed.
    let hoursNotKnown: String
    let today: String
    let opensAt: String  // "{when}"
    let tomorrowAt: String  // "{time}"
    let todayAt: String
    let onDayAt: String  // "{date}" "{time}"
    let fallbacksWhileClosed: String
    let inDanger: String
    let callNumber: String  // "{number}"
    let numberLabel: String
    let helpPageTitle: String
    let noHelpForCountry: String
    let fixErrors: String
    let goodFaithMissing: String
    let formExpired: String
    let formMisconfigured: String
    let unknownTenant: String
    let demoTitle: String
    let demoIntro: String
    let demoMoreOptions: String  // "{who}"
    let demoReport: String
    let demoMessages: String
    let reportSent: String

    static func of(_ language: WebLanguage) -> WebTexts { language == .fr ? french : english }

    /// "Vous signalez un commentaire de leo_du_64". The author is the platform's text and
    /// may be hostile: the template escapes it like everything else.
    func subjectSummary(kind: String?, author: String?) -> String? {
        guard let kind = kind.flatMap(ReportDraft.SubjectKind.init(rawValue:)) else { return nil }
        let french = languageName == "Français"
        let what: String
        switch kind {
        case .post: what = french ? "une publication" : "a post"
        case .comment: what = french ? "un commentaire" : "a comment"
        case .message: what = french ? "un message" : "a message"
        case .account: what = french ? "un compte" : "an account"
        case .story: what = french ? "une story" : "a story"
        case .live: what = french ? "un live" : "a live video"
        case .other: what = french ? "un contenu" : "some content"
        }
        let subject = author.map { what + (french ? " de " : " by ") + $0 } ?? what
        return (french ? "Vous signalez " : "You are reporting ") + subject + "."
    }

    func category(_ category: ReportCategory) -> (label: String, example: String) {
        CategoryWords.words(category, french: self.languageName == "Français")
    }

    static let french = WebTexts(
        languageName: "Français",
        switchLanguage: "English",
        close: "Fermer",
        sheetTitle: "Signaler",
        stepOf: "Étape {step} sur {total}",
        whatIsWrong: "Quel est le problème ?",
        harassmentFamily: "Harcèlement et violences",
        otherProblems: "Autres problèmes",
        getHelpNow: "Obtenir de l’aide sans signaler",
        getHelpNowHint: "Parler à quelqu’un maintenant.",
        detailsTitle: "Ajouter des détails (facultatif)",
        detailsLabel: "Détails",
        detailsHint: "Ce qui s’est passé, depuis quand. Vous pouvez laisser vide.",
        aboutMeLabel: "Cela me vise personnellement",
        confirmTitle: "Confirmer",
        goodFaithLabel: "Je confirme de bonne foi que ce signalement est exact et complet.",
        send: "Envoyer le signalement",
        back: "Retour",
        chosenCategory: "Problème choisi :",
        receiptTitle: "Signalement envoyé",
        receiptText: "Merci. Votre signalement a bien été reçu. La personne signalée ne saura pas que c’est vous.",
        receiptReference: "Référence",
        receiptNext: "Notre équipe de modération va l’examiner et vous tiendra informé·e de sa décision.",
        seeHelp: "Voir l’aide disponible",
        helpWindowLabel: "Aide disponible",
        free: "Gratuit",
        anonymous: "Anonyme",
        confidential: "Confidentiel",
        openNow: "Ouvert maintenant",
        closedNow: "Fermé en ce moment",
        hoursNotKnown: "Horaires non connus",
        today: "Aujourd’hui :",
        opensAt: "Rouvre {when}",
        tomorrowAt: "demain à {time}",
        todayAt: "aujourd’hui à {time}",
        onDayAt: "le {date} à {time}",
        fallbacksWhileClosed: "Ouvert maintenant",
        inDanger: "En cas de danger immédiat",
        callNumber: "Appeler le {number}",
        numberLabel: "Numéro",
        helpPageTitle: "Obtenir de l’aide",
        noHelpForCountry: "Nous n’avons pas encore de ligne d’aide vérifiée pour votre pays. En cas de danger immédiat, appelez le 112.",
        fixErrors: "Vérifiez ce qui suit :",
        goodFaithMissing: "Cochez la case de confirmation pour envoyer le signalement.",
        formExpired: "Ce formulaire a expiré. Vérifiez votre choix et envoyez à nouveau.",
        formMisconfigured: "Ce formulaire de signalement est mal configuré par le site qui l’affiche :",
        unknownTenant: "Ce formulaire de signalement n’est pas disponible (plateforme inconnue).",
        demoTitle: "Démo Relais – un réseau social fictif",
        demoIntro: "Un faux fil d’actualité pour essayer le signalement : ouvrez le menu « … » d’une publication, d’un commentaire ou d’un message, puis « Signaler ».",
        demoMoreOptions: "Plus d’options pour le contenu de {who}",
        demoReport: "Signaler",
        demoMessages: "Messages privés",
        reportSent: "Signalement envoyé"
    )

    static let english = WebTexts(
        languageName: "English",
        switchLanguage: "Français",
        close: "Close",
        sheetTitle: "Report",
        stepOf: "Step {step} of {total}",
        whatIsWrong: "What’s wrong?",
        harassmentFamily: "Harassment and abuse",
        otherProblems: "Other problems",
        getHelpNow: "Get help without reporting",
        getHelpNowHint: "Talk to someone now.",
        detailsTitle: "Add details (optional)",
        detailsLabel: "Details",
        detailsHint: "What happened, since when. You can leave this empty.",
        aboutMeLabel: "This is aimed at me",
        confirmTitle: "Confirm",
        goodFaithLabel: "I confirm in good faith that this report is accurate and complete.",
        send: "Send report",
        back: "Back",
        chosenCategory: "Problem chosen:",
        receiptTitle: "Report sent",
        receiptText: "Thank you. Your report was received. The person you reported won’t know it was you.",
        receiptReference: "Reference",
        receiptNext: "Our moderation team will review it and let you know what they decide.",
        seeHelp: "See the help available",
        helpWindowLabel: "Help available",
        free: "Free",
        anonymous: "Anonymous",
        confidential: "Confidential",
        openNow: "Open now",
        closedNow: "Closed right now",
        hoursNotKnown: "Hours not known",
        today: "Today:",
        opensAt: "Opens {when}",
        tomorrowAt: "tomorrow at {time}",
        todayAt: "today at {time}",
        onDayAt: "on {date} at {time}",
        fallbacksWhileClosed: "Open now",
        inDanger: "If you are in immediate danger",
        callNumber: "Call {number}",
        numberLabel: "Number",
        helpPageTitle: "Get help",
        noHelpForCountry: "We don’t have a verified helpline for your country yet. If you are in immediate danger, call 112.",
        fixErrors: "Please check the following:",
        goodFaithMissing: "Tick the confirmation box to send the report.",
        formExpired: "This form has expired. Check your choice and send it again.",
        formMisconfigured: "This report form is set up incorrectly by the site showing it:",
        unknownTenant: "This report form is not available (unknown platform).",
        demoTitle: "Relais demo – a pretend social network",
        demoIntro: "A fake feed to try reporting: open the “…” menu of a post, a comment or a message, then “Report”.",
        demoMoreOptions: "More options for {who}’s content",
        demoReport: "Report",
        demoMessages: "Direct messages",
        reportSent: "Report sent"
    )
}

/// The taxonomy in plain words, with a short example, in the order the sheet shows it:
/// the harassment family first.
enum CategoryWords {
    static let order: [ReportCategory] =
        ReportCategory.allCases.filter(\.isHarassmentFamily) + ReportCategory.allCases.filter { !$0.isHarassmentFamily }

    static func words(_ category: ReportCategory, french: Bool) -> (label: String, example: String) {
        switch category {
        case .harassment:
            french ? ("Harcèlement ou moqueries", "Insultes répétées, humiliations, rumeurs, mise à l’écart")
                : ("Harassment or bullying", "Repeated insults, humiliation, rumours, being left out")
        case .hate:
            french ? ("Propos haineux", "Attaques à cause de l’origine, la religion, le genre, l’orientation, un handicap")
                : ("Hate", "Attacks because of origin, religion, gender, sexuality, disability")
        case .threat:
            french ? ("Menaces ou violence", "Menace de frapper, de tuer, de s’en prendre à quelqu’un")
                : ("Threats or violence", "Threatening to hurt, kill or come after someone")
        case .intimateImages:
            french ? ("Photos ou vidéos intimes partagées", "Nudes diffusés sans accord, montages sexuels")
                : ("Intimate photos or videos shared", "Nudes shared without consent, sexual fakes")
        case .sextortion:
            french ? ("Chantage sexuel", "Menace de publier des images intimes contre de l’argent ou d’autres images")
                : ("Sexual blackmail", "Threatening to post intimate images unless you pay or send more")
        case .doxxing:
            french ? ("Informations personnelles exposées", "Adresse, téléphone ou école publiés sans accord")
                : ("Private information exposed", "Address, phone number or school posted without consent")
        case .impersonation:
            french ? ("Usurpation d’identité", "Faux compte à mon nom, compte piraté")
                : ("Pretending to be someone", "A fake account in my name, a hacked account")
        case .grooming:
            french ? ("Un adulte cherche un contact sexuel avec un mineur", "Demandes de photos, de rendez-vous, messages sexuels")
                : ("An adult seeking sexual contact with a minor", "Asking for photos, to meet up, sexual messages")
        case .selfHarm:
            french ? ("Suicide ou automutilation", "Quelqu’un parle de se faire du mal")
                : ("Suicide or self-harm", "Someone talks about hurting themselves")
        case .scam:
            french ? ("Arnaque", "Faux concours, demande d’argent, lien pour voler un mot de passe")
                : ("Scam", "Fake giveaways, asking for money, links that steal passwords")
        case .spam:
            french ? ("Spam", "Publicité répétée, liens douteux") : ("Spam", "Repeated ads, dodgy links")
        case .other:
            french ? ("Autre chose", "Un problème qui n’est pas dans la liste") : ("Something else", "A problem not in this list")
        }
    }
}
