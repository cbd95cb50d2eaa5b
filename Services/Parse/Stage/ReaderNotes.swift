import TextScanning

/// Notes a site prints after the article to the reader rather than as part of it: calls to subscribe,
/// sign up for a newsletter, follow the site or download its app, paywall and donation appeals, when the
/// text was posted or updated, and the copyright, reprint and disclaimer lines.
///
/// They sit inside the article's own block, after its last paragraph, with no class that names them, so
/// only their wording tells them apart (as trafilatura's and jusText's evaluations list them among the
/// boilerplate every extractor has to drop). Only a run of such notes at the very end of the body is
/// dropped, and only short ones: a long closing paragraph that mentions a newsletter is article text.
enum ReaderNotes {
    /// A note is two or three sentences: a paragraph with more characters than this (whitespace not
    /// counted) is article text whatever it mentions.
    static let maxNoteCharacters: Int32 = 240

    /// Lowercased phrases of reader notes in the languages of the evaluation pages and Newsline's
    /// sources: English, German, French, Spanish, Italian, Portuguese, Polish (gathered from the
    /// boilerplate classes of trafilatura's and jusText's evaluations: subscription, newsletter, social
    /// follow, app download, paywall, donation, comment prompt, copyright and editorial disclaimers).
    static let cues = promptCues + siteNoteCues

    /// Cues of the prompts a site sets between paragraphs too: subscribe, sign up, follow, download the app,
    /// become a member.
    static let promptCues: [String] = [
        // Subscription, newsletter, paywall, sign-in.
        "subscribe", "subscriber", "subscription", "newsletter", "sign up", "signing up", "log in for", "log in to",
        "abonnier", "abonnent", "abonnement", "registrieren sie sich", "melden sie sich an",
        "abonnez", "abonné", "inscrivez-vous", "suscríbete", "suscribete", "suscribirse", "suscripción",
        "suscriptor", "hazte miembro", "iscriviti", "abbonati", "abbonamento", "assine", "assinante", "inscreva-se",
        "subskryb", "subskryp", "prenumerat", "zapisz się",
        // Following the site, its channels and apps.
        "follow us", "never miss", "download the", "our app", "folgen sie uns", "folge uns",
        "suivez-nous", "síguenos", "siguenos", "canal de telegram", "únete", "seguici", "siga-nos", "obserwuj nas",
        "our youtube channel", "nuestro canal de youtube", "unseren youtube-kanal", "to your inbox", "in your inbox",
        "straight to your phone", "nichts mehr verpassen", "nichts mehr versäumen", "don't miss", "ne manquez",
        "no te pierdas",
        // Memberships, cancellation terms and comment prompts of the site.
        "become a member", "werden sie mitglied", "devenez membre", "hazte socio", "cancel anytime",
        "cancel at any time", "cancela cuando quieras", "jederzeit kündbar", "résiliable à tout moment",
        "logged in to", "eingeloggt sein", "um kommentare", "to post a comment", "to leave a comment",
    ]

    /// Cues of the notes closing the body only: appeals, publication notes, copyright and disclaimers.
    static let siteNoteCues: [String] = [
        // Appeals after the article.
        "if you enjoyed", "if you liked", "support our", "support independent", "war der artikel", "artikel teilen",
        "gefällt dir", "gefällt ihnen", "unterstützen sie", "spenden sie", "please donate", "donate now", "make a donation", "faire un don", "haz una donación",
        // Publication notes: when and where the text was posted or last changed (WordPress's `postmetadata`).
        "this entry was posted", "last modified", "last updated", "zuletzt aktualisiert", "aktualisiert am",
        "veröffentlicht am", "dieser text wurde", "der beitrag wurde", "dieser beitrag wurde", "publié le",
        "mis à jour le", "publicado el", "actualizado el", "pubblicato il", "aggiornato il",
        // Copyright, reprint and disclaimer lines.
        "©", "copyright", "all rights reserved", "alle rechte vorbehalten", "tous droits réservés",
        "todos los derechos reservados", "tutti i diritti riservati", "todos os direitos reservados",
        "wszelkie prawa zastrzeżone", "written permission", "reprint", "republish", "not responsible for",
        "views expressed", "opinions expressed", "meinung des autors", "ohne gewähr", "nachdruck",
    ]

    /// Social networks a site asks its readers to follow it on.
    static let networks = ["twitter", "facebook", "instagram", "telegram", "whatsapp", "youtube", "tiktok", "linkedin"]
    /// Words that ask to follow (`Follow the Daily on Twitter`, `Folgen Sie … auf Instagram`).
    static let followWords = ["follow", "folgen", "folge", "suivez", "sigue", "síguenos", "segui", "obserwuj"]

    /// Notes that open with one of `openingCues` may run this long (whitespace not counted).
    static let maxOpeningNoteCharacters: Int32 = 600

    /// Openings of notes longer than a note: the post-metadata paragraph of blog themes (WordPress's
    /// `postmetadata`: when the text was posted, every category and tag, the comment feed, trackbacks) and the
    /// cookie notice a consent script prints without a class that names it.
    static let openingCues: [String] = [
        "this entry was posted", "this entry was filed", "der beitrag wurde", "dieser beitrag wurde",
        "dieser eintrag wurde", "cet article a été publié", "cette entrée a été publiée",
        "esta entrada fue publicada", "questo articolo è stato pubblicato", "questa voce è stata pubblicata", "ten wpis został opublikowany",
        "we use cookies", "this website uses cookies", "this site uses cookies", "wir verwenden cookies",
        "wir nutzen cookies", "diese website verwendet cookies", "diese webseite verwendet cookies",
        "nous utilisons des cookies", "ce site utilise des cookies", "utilizamos cookies", "usamos cookies",
        "este sitio web utiliza cookies", "utilizziamo i cookie", "questo sito utilizza", "używamy plików cookie",
    ]

    /// Whether a paragraph is a short note to the reader.
    static func isNote(_ text: String, characters: Int32) -> Bool {
        guard characters <= maxOpeningNoteCharacters else { return false }
        let lowered = text.lowercasedText()
        if openingCues.contains(where: lowered.opens) { return true }
        guard characters <= maxNoteCharacters else { return false }
        if cueWords.found(in: lowered) { return true }
        // Asking to follow the site on a network: the follow word opens the note.
        return followWords.contains(where: lowered.opens) && networkWords.found(in: lowered)
    }

    /// Whether a paragraph is a short prompt to subscribe, sign up, follow the site or join it (`promptCues`).
    static func isPrompt(_ text: String, characters: Int32) -> Bool {
        guard characters <= maxNoteCharacters else { return false }
        let lowered = text.lowercasedText()
        return promptWords.found(in: lowered)
    }

    /// The cue lists above, each read in one pass over a line.
    static let cueWords = WordCues(cues)
    static let promptWords = WordCues(promptCues)
    static let networkWords = WordCues(networks)
}
