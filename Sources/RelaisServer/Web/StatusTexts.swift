import RelaisCore

/// Every word of the page that follows a report (`/embed/status`) and of the printable
/// evidence pack (`/embed/evidence`), in plain language, in each language of the sheet.
/// Stored properties only: the templates read them by name (`{{s.title}}`). Facts about
/// helplines and the police come from the directory's sources (docs/reference).
struct StatusTexts: Sendable {
    let title: String
    let intro: String
    let helpNowTitle: String
    let stepsTitle: String
    let stepReceived: String  // "{date}"
    let stepInReview: String
    let stepWaiting: String
    let stepDecided: String  // "{date}"
    let stepAppealed: String  // "{date}"
    let stepAppealDecided: String  // "{date}"
    let current: String
    let done: String
    let notYet: String
    let decidedNoAction: String
    let decidedRestricted: String
    let theirReason: String
    let appealOutcomes: [AppealOutcome: String]
    let appealDue: String  // "{date}"
    let contestTitle: String
    let contestText: String
    let contestLink: String
    let evidenceTitle: String
    let evidenceText: String
    let evidencePage: String
    let evidenceDownload: String
    let linkExpires: String  // "{date}"
    let referenceLabel: String
    let linkInvalidTitle: String
    let linkInvalid: String
    // The evidence pack's printable page.
    let packTitle: String
    let packIntro: String  // "{platform}"
    let packProves: String
    let packDoesNotProve: String
    let packReport: String
    let packReceivedAt: String
    let packCategory: String
    let packDetails: String
    let packReportedContent: String
    let packContentKind: String
    let packContentId: String
    let packAuthor: String
    let packPostedAt: String
    let packText: String
    let packAddress: String
    let packCase: String
    let packCaseStatus: String
    let packCaseOpen: String
    let packCaseDecided: String
    let packDecisions: String
    let packNoDecision: String
    let packDecidedAt: String
    let packSuperseded: String
    let packFingerprints: String
    let packFingerprintsText: String
    let packSignature: String
    let packSignatureText: String
    let packIssuedAt: String
    let packHowTitle: String
    let packHowKeep: String
    let packHowPolice: String
    let packHowSchool: String
    let packHowFrance: [String]
    let packVerify: String
    let print: String

    static func of(_ language: WebLanguage) -> StatusTexts { language == .fr ? french : english }

    static let french = StatusTexts(
        title: "Où en est mon signalement",
        intro: "Cette page ne montre que votre signalement. Personne d’autre ne la voit, sauf si vous lui donnez le lien.",
        helpNowTitle: "Besoin d’aide maintenant ?",
        stepsTitle: "Les étapes",
        stepReceived: "Reçu le {date}",
        stepInReview: "Une personne examine le contenu",
        stepWaiting: "En attente d’examen",
        stepDecided: "Décision prise le {date}",
        stepAppealed: "Votre contestation est reçue le {date}",
        stepAppealDecided: "Votre contestation a reçu une réponse le {date}",
        current: "en cours",
        done: "fait",
        notYet: "pas encore",
        decidedNoAction: "La plateforme a décidé de ne rien faire.",
        decidedRestricted: "La plateforme a décidé de :",
        theirReason: "Sa raison :",
        appealOutcomes: [
            .upheld: "La décision est maintenue.", .reversed: "La décision est annulée.", .modified: "La décision est modifiée.",
            .rejectedInadmissible: "La contestation n’a pas pu être examinée.",
        ],
        appealDue: "Une réponse est prévue au plus tard le {date}.",
        contestTitle: "Vous n’êtes pas d’accord ?",
        contestText: "Vous pouvez contester la décision pendant six mois. C’est gratuit, et une autre personne la réexaminera.",
        contestLink: "Contester la décision",
        evidenceTitle: "Garder une preuve",
        evidenceText: "Le dossier de preuve reprend ce que vous avez signalé, quand la plateforme l’a reçu, et ce qui a été décidé. Il est signé : on peut vérifier qu’il n’a pas été modifié.",
        evidencePage: "Voir et imprimer le dossier de preuve",
        evidenceDownload: "Télécharger le dossier signé (fichier JSON)",
        linkExpires: "Ce lien fonctionne jusqu’au {date}.",
        referenceLabel: "Numéro du signalement",
        linkInvalidTitle: "Ce lien ne fonctionne plus",
        linkInvalid: "Il a expiré, ou il n’est pas complet. Ouvrez à nouveau le lien que la plateforme vous a donné après votre signalement.",
        packTitle: "Dossier de preuve d’un signalement",
        packIntro: "Ce document reprend ce que la plateforme {platform} a reçu de vous avec votre signalement, et ce qu’elle a décidé.",
        packProves: "Ce qu’il prouve : que la plateforme a reçu ce signalement, avec ce contenu, à cette date et à cette heure, et qu’elle a pris ces décisions.",
        packDoesNotProve: "Ce qu’il ne prouve pas : qui a écrit le contenu. Le texte et l’identifiant de l’auteur sont ceux que la plateforme a transmis avec le signalement.",
        packReport: "Le signalement",
        packReceivedAt: "Reçu le",
        packCategory: "Motif",
        packDetails: "Vos mots",
        packReportedContent: "Le contenu signalé",
        packContentKind: "Type",
        packContentId: "Identifiant du contenu",
        packAuthor: "Identifiant de l’auteur sur la plateforme",
        packPostedAt: "Publié le",
        packText: "Texte reçu",
        packAddress: "Adresse",
        packCase: "Le dossier de modération",
        packCaseStatus: "État",
        packCaseOpen: "en cours d’examen",
        packCaseDecided: "décidé",
        packDecisions: "Décisions",
        packNoDecision: "Aucune décision pour l’instant.",
        packDecidedAt: "Décidé le",
        packSuperseded: "Remplacée après une contestation.",
        packFingerprints: "Empreintes",
        packFingerprintsText: "Chaque partie a une empreinte SHA-256 : si un seul caractère change, l’empreinte change.",
        packSignature: "Signature",
        packSignatureText: "Le fichier JSON du dossier est signé avec la clé Ed25519 de ce service. La clé publique est publiée à l’adresse /.well-known/relais-evidence-key, et la commande « relais evidence verify » vérifie le fichier.",
        packIssuedAt: "Dossier établi le",
        packHowTitle: "Comment s’en servir",
        packHowKeep: "Gardez ce document et le fichier signé, avec vos propres captures d’écran.",
        packHowPolice: "Pour porter plainte, apportez-le avec vos captures d’écran.",
        packHowSchool: "Si cela se passe entre élèves, vous pouvez le montrer à un adulte de confiance de l’établissement.",
        packHowFrance: [
            "En France, hors urgence, la plainte se dépose au commissariat de police ou à la brigade de gendarmerie le plus proche.",
            "Le 3018 (gratuit, anonyme et confidentiel, tous les jours de 9 h à 23 h) conseille sur les démarches, dont la plainte, et peut, avec votre accord, transmettre un harcèlement scolaire à l’établissement. Son application « 3018 » a un coffre-fort pour garder des preuves.",
            "En danger immédiat : appelez le 17 ou le 112.",
        ],
        packVerify: "Pour vérifier le fichier : relais evidence verify FICHIER",
        print: "Imprimer")

    static let english = StatusTexts(
        title: "Where my report stands",
        intro: "This page shows only your report. Nobody else sees it unless you give them the link.",
        helpNowTitle: "Need help now?",
        stepsTitle: "The steps",
        stepReceived: "Received on {date}",
        stepInReview: "Someone is looking at the content",
        stepWaiting: "Waiting to be looked at",
        stepDecided: "Decided on {date}",
        stepAppealed: "Your complaint was received on {date}",
        stepAppealDecided: "Your complaint was answered on {date}",
        current: "in progress",
        done: "done",
        notYet: "not yet",
        decidedNoAction: "The platform decided to do nothing.",
        decidedRestricted: "The platform decided to:",
        theirReason: "Its reason:",
        appealOutcomes: [
            .upheld: "The decision stands.", .reversed: "The decision was reversed.", .modified: "The decision was changed.",
            .rejectedInadmissible: "The complaint could not be examined.",
        ],
        appealDue: "An answer is due by {date} at the latest.",
        contestTitle: "Do you disagree?",
        contestText: "You can contest the decision for six months. It is free, and someone else will look at it again.",
        contestLink: "Contest the decision",
        evidenceTitle: "Keep a proof",
        evidenceText: "The evidence pack states what you reported, when the platform received it, and what was decided. It is signed: anyone can check it was not changed.",
        evidencePage: "See and print the evidence pack",
        evidenceDownload: "Download the signed pack (JSON file)",
        linkExpires: "This link works until {date}.",
        referenceLabel: "Report number",
        linkInvalidTitle: "This link no longer works",
        linkInvalid: "It has expired, or it is incomplete. Open again the link the platform gave you after your report.",
        packTitle: "Evidence pack of a report",
        packIntro: "This document states what the platform {platform} received from you with your report, and what it decided.",
        packProves: "What it proves: that the platform received this report, with this content, on this date at this time, and took these decisions.",
        packDoesNotProve: "What it does not prove: who wrote the content. The text and the author's id are those the platform sent with the report.",
        packReport: "The report",
        packReceivedAt: "Received on",
        packCategory: "Reason",
        packDetails: "Your words",
        packReportedContent: "The reported content",
        packContentKind: "Kind",
        packContentId: "Content id",
        packAuthor: "The author's id on the platform",
        packPostedAt: "Posted on",
        packText: "Text received",
        packAddress: "Address",
        packCase: "The moderation case",
        packCaseStatus: "Status",
        packCaseOpen: "being reviewed",
        packCaseDecided: "decided",
        packDecisions: "Decisions",
        packNoDecision: "No decision yet.",
        packDecidedAt: "Decided on",
        packSuperseded: "Replaced after a complaint.",
        packFingerprints: "Fingerprints",
        packFingerprintsText: "Each part has a SHA-256 fingerprint: if a single character changes, the fingerprint changes.",
        packSignature: "Signature",
        packSignatureText: "The pack's JSON file is signed with this service's Ed25519 key. The public key is published at /.well-known/relais-evidence-key, and the command “relais evidence verify” checks the file.",
        packIssuedAt: "Pack made on",
        packHowTitle: "How to use it",
        packHowKeep: "Keep this document and the signed file, with your own screenshots.",
        packHowPolice: "To make a complaint to the police, bring it with your screenshots.",
        packHowSchool: "If it happens between pupils, you can show it to an adult you trust at the school.",
        packHowFrance: [
            "In France, when it is not an emergency, a complaint is made at the nearest police station or gendarmerie brigade.",
            "The 3018 (free, anonymous and confidential, every day 09:00–23:00) gives advice on what to do, including making a complaint, and can, with your consent, pass school bullying on to the school. Its “3018” app has a vault to keep evidence.",
            "In immediate danger: call 17 or 112.",
        ],
        packVerify: "To check the file: relais evidence verify FILE",
        print: "Print")
}
