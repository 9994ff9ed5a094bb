//! What lotse tells the user about registrations, interests and their
//! refusals: one wording for the status bar and the script commands.

use crate::app::{Conflict, config_name};
use crate::domain::registration::{Field, Problem};
use crate::domain::{Closed, Kind, Registration, Status};
use crate::format;
use crate::i18n::Lang;
use crate::sanitize::for_terminal;
use crate::store::{Forbidden, Refusal, RegistrationError};

fn de_en(lang: Lang, de: String, en: String) -> String {
    match lang {
        Lang::De => de,
        Lang::En => en,
    }
}

/// "Angemeldet" / "Warteliste (Platz 3)" as a short label for lists.
pub fn status_label(registration: &Registration, lang: Lang) -> String {
    match (registration.status, registration.waitlist_position) {
        (Status::Registered, _) => de_en(lang, "Angemeldet".into(), "Registered".into()),
        (Status::Waitlisted, Some(position)) => {
            de_en(lang, format!("Warteliste (Platz {position})"), format!("Waitlist (place {position})"))
        }
        (Status::Waitlisted, None) => de_en(lang, "Warteliste".into(), "Waitlist".into()),
        (Status::Cancelled, _) => de_en(lang, "Storniert".into(), "Cancelled".into()),
    }
}

/// The last line of a participant list: "2 angemeldet, 1 auf der Warteliste, 1 storniert; 3 interessiert".
pub fn participant_totals(participants: &crate::domain::Participants, lang: Lang) -> String {
    let count = |status: Status| participants.registrations.iter().filter(|found| found.status == status).count();
    let (registered, waiting, cancelled) =
        (count(Status::Registered), count(Status::Waitlisted), count(Status::Cancelled));
    let interested = participants.interested;
    de_en(
        lang,
        format!(
            "{registered} angemeldet, {waiting} auf der Warteliste, {cancelled} storniert; {interested} interessiert"
        ),
        format!("{registered} registered, {waiting} on the waitlist, {cancelled} cancelled; {interested} interested"),
    )
}

/// The outcome of a new registration: "Angemeldet: …" or "Auf der Warteliste (Platz 3): …".
pub fn registered(registration: &Registration, title: &str, lang: Lang) -> String {
    let title = for_terminal(title);
    match (registration.status, registration.waitlist_position) {
        (Status::Waitlisted, Some(position)) => de_en(
            lang,
            format!("Auf der Warteliste (Platz {position}): {title}"),
            format!("On the waitlist (place {position}): {title}"),
        ),
        _ => de_en(lang, format!("Angemeldet: {title}"), format!("Registered: {title}")),
    }
}

pub fn already_registered(registration: &Registration, title: &str, lang: Lang) -> String {
    let title = for_terminal(title);
    let since = format::date(registration.registered_at.date(), lang);
    let email = for_terminal(&registration.email);
    de_en(
        lang,
        format!("Bereits angemeldet ({}, seit {since}, {email}): {title}", status_label(registration, lang)),
        format!("Already registered ({}, since {since}, {email}): {title}", status_label(registration, lang)),
    )
}

pub fn cancelled(title: &str, promoted: Option<&Registration>, lang: Lang) -> String {
    let title = for_terminal(title);
    let base = de_en(lang, format!("Abgemeldet: {title}"), format!("Cancelled: {title}"));
    match promoted {
        // A colleague's name stays empty where the server does not show it.
        Some(promoted) if promoted.name.is_empty() => de_en(
            lang,
            format!("{base} – die erste Person der Warteliste rückt nach"),
            format!("{base} – the first person on the waitlist moves up"),
        ),
        Some(promoted) => {
            let name = for_terminal(&promoted.name);
            de_en(
                lang,
                format!("{base} – {name} rückt von der Warteliste nach"),
                format!("{base} – {name} moves up from the waitlist"),
            )
        }
        None => base,
    }
}

pub fn undone_registration(title: &str, lang: Lang) -> String {
    let title = for_terminal(title);
    de_en(lang, format!("Anmeldung zurückgenommen: {title}"), format!("Registration withdrawn: {title}"))
}

/// What an undo restored, introduced as an undo; only one step goes back.
pub fn undone(what: &str, lang: Lang) -> String {
    de_en(
        lang,
        format!("Rückgängig gemacht – {what} (nur der letzte Schritt lässt sich zurücknehmen)"),
        format!("Undone – {what} (only the last step can be undone)"),
    )
}

/// Beside the message of a change, naming the way back.
/// The status bar while the server is gone: when the next try comes, or
/// `None` while one runs.
pub fn connection_lost(next_try_in: Option<u32>, lang: Lang) -> String {
    match (next_try_in, lang) {
        (Some(seconds), Lang::De) => {
            format!("Verbindung zum Datenbankserver verloren, nichts wird gespeichert – neuer Versuch in {seconds} s")
        }
        (None, Lang::De) => {
            "Verbindung zum Datenbankserver verloren, nichts wird gespeichert – neuer Versuch läuft …".to_owned()
        }
        (Some(seconds), Lang::En) => {
            format!("Connection to the database server lost, nothing is saved – trying again in {seconds} s")
        }
        (None, Lang::En) => "Connection to the database server lost, nothing is saved – trying again now …".to_owned(),
    }
}

pub fn connection_back(lang: Lang) -> &'static str {
    match lang {
        Lang::De => "Verbindung zum Datenbankserver wieder da – die Daten werden neu geladen",
        Lang::En => "Connected to the database server again – reloading the data",
    }
}

pub fn undo_hint(lang: Lang) -> &'static str {
    match lang {
        Lang::De => "u nimmt das zurück · Esc blendet aus",
        Lang::En => "u undoes this · Esc hides this",
    }
}

pub fn exported(path: &std::path::Path, lang: Lang) -> String {
    let path = for_terminal(&path.display().to_string());
    de_en(lang, format!("Kalender gespeichert: {path}"), format!("Calendar saved: {path}"))
}

/// The keys config.toml binds twice in one mode, for a warning at start.
pub fn key_conflicts(conflicts: &[Conflict], lang: Lang) -> Option<String> {
    let each: Vec<String> = conflicts
        .iter()
        .map(|conflict| {
            let (mode, acts, ignored) =
                (config_name(&conflict.mode), config_name(&conflict.acts), config_name(&conflict.ignored));
            de_en(
                lang,
                format!(
                    "Taste {} in [keys.{mode}] doppelt belegt: {acts} und {ignored} – sie wirkt als {acts}",
                    conflict.chord
                ),
                format!("key {} bound twice in [keys.{mode}]: {acts} and {ignored} – it does {acts}", conflict.chord),
            )
        })
        .collect();
    let prefix = de_en(lang, "config.toml: ".into(), "config.toml: ".into());
    (!each.is_empty()).then(|| prefix + &each.join("; "))
}

pub fn open_failed(error: &crate::desktop::OpenError, lang: Lang) -> String {
    use crate::desktop::OpenError;
    match (error, lang) {
        (OpenError::NotWeb, Lang::De) => "Nur Web-Links (http, https) werden geöffnet.".to_owned(),
        (OpenError::NotWeb, Lang::En) => "Only web links (http, https) are opened.".to_owned(),
        (OpenError::BadCommand(line), Lang::De) => {
            format!(
                "Der Befehl zum Öffnen ({line}) ist leer oder unvollständig: LOTSE_OPENER oder opener in config.toml prüfen."
            )
        }
        (OpenError::BadCommand(line), Lang::En) => {
            format!("The opener command ({line}) is empty or unbalanced: check LOTSE_OPENER or opener in config.toml.")
        }
        (OpenError::Io(error), Lang::De) => format!(
            "Der Link ließ sich nicht öffnen ({error}). Mit y kopieren und im Browser einfügen, oder LOTSE_OPENER setzen."
        ),
        (OpenError::Io(error), Lang::En) => {
            format!(
                "Could not open the link ({error}). Copy it with y and paste it into a browser, or set LOTSE_OPENER."
            )
        }
    }
}

pub fn link_opened(url: &str, lang: Lang) -> String {
    let url = for_terminal(url);
    de_en(lang, format!("Geöffnet: {url}"), format!("Opened: {url}"))
}

pub fn no_link(lang: Lang) -> &'static str {
    match lang {
        Lang::De => "Dieses Angebot hat keinen Link; y kopiert seinen Schlüssel.",
        Lang::En => "This offering has no link; y copies its key.",
    }
}

pub fn copy_failed(error: &std::io::Error, lang: Lang) -> String {
    de_en(
        lang,
        format!(
            "Die Zwischenablage ließ sich über das Terminal nicht erreichen ({error}). Der Schlüssel steht in den Details."
        ),
        format!("Could not reach the clipboard through the terminal ({error}). The key is shown in the details."),
    )
}

/// OSC 52 reaches the clipboard only where the terminal allows it; lotse cannot tell.
pub fn copied(text: &str, lang: Lang) -> String {
    let text = for_terminal(text);
    de_en(
        lang,
        format!("In die Zwischenablage (über das Terminal, OSC 52): {text}"),
        format!("To the clipboard (through the terminal, OSC 52): {text}"),
    )
}

pub fn note_form_title(lang: Lang) -> &'static str {
    match lang {
        Lang::De => "Anmerkung zur Anmeldung",
        Lang::En => "Note on the registration",
    }
}

pub fn no_registration_for_note(lang: Lang) -> &'static str {
    match lang {
        Lang::De => "Keine eigene Anmeldung für dieses Angebot: die Anmerkung gehört zur Anmeldung (r).",
        Lang::En => "No registration of yours for this offering: the note belongs to a registration (r).",
    }
}

pub fn note_saved(title: &str, note: &str, lang: Lang) -> String {
    let title = for_terminal(title);
    match note.is_empty() {
        true => de_en(lang, format!("Anmerkung entfernt: {title}"), format!("Note removed: {title}")),
        false => {
            let note = lang.quote(&for_terminal(note));
            de_en(lang, format!("Anmerkung {note} gespeichert: {title}"), format!("Note {note} saved: {title}"))
        }
    }
}

pub fn nothing_to_export(lang: Lang) -> &'static str {
    match lang {
        Lang::De => {
            "Keine kommenden Anmeldungen – es gibt nichts für den Kalender; eine frühere Kalenderdatei bleibt unverändert."
        }
        Lang::En => "No upcoming registrations – nothing for the calendar; an earlier calendar file stays as it is.",
    }
}

pub fn interest(marked: bool, title: &str, lang: Lang) -> String {
    let title = for_terminal(title);
    match marked {
        true => de_en(lang, format!("Interesse an „{title}“ vermerkt"), format!("Interest in “{title}” noted")),
        false => de_en(lang, format!("Interesse an „{title}“ entfernt"), format!("Interest in “{title}” removed")),
    }
}

/// Why a registration was refused, and what the user can do.
pub fn refusal(refusal: &Refusal, title: &str, lang: Lang) -> String {
    let title = for_terminal(title);
    match refusal {
        Refusal::UnknownOffering(key) => {
            let key = for_terminal(key);
            de_en(
                lang,
                format!("Kein Angebot mit dem Schlüssel „{key}“. `lotse search` zeigt die Schlüssel."),
                format!("No offering with the key “{key}”. `lotse search` shows the keys."),
            )
        }
        Refusal::Closed(Closed::NotRegistrable(kind)) => {
            let what = match (kind, lang) {
                (Kind::Project, Lang::De) => "Projekte",
                (Kind::Practice, Lang::De) => "Best Practices",
                (Kind::Project, Lang::En) => "Projects",
                (Kind::Practice, Lang::En) => "Best practices",
                (_, Lang::De) => "Diese Angebote",
                (_, Lang::En) => "These offerings",
            };
            de_en(
                lang,
                format!("{what} haben keine Anmeldung – mit i können Sie Interesse vermerken: {title}"),
                format!("{what} take no registrations – press i to mark your interest: {title}"),
            )
        }
        Refusal::Closed(Closed::DeadlinePassed(deadline)) => {
            let deadline = format::moment(*deadline, lang);
            de_en(
                lang,
                format!("Anmeldeschluss war am {deadline}; eine Anmeldung ist nicht mehr möglich: {title}"),
                format!("Registration closed on {deadline}; it is no longer possible: {title}"),
            )
        }
        Refusal::Closed(Closed::AlreadyStarted(starts)) => {
            let starts = format::moment(*starts, lang);
            de_en(
                lang,
                format!("Das Angebot hat bereits begonnen ({starts}); eine Anmeldung ist nicht mehr möglich: {title}"),
                format!("The offering has already begun ({starts}); registration is no longer possible: {title}"),
            )
        }
        Refusal::Full(seats) => {
            let capacity = seats.capacity.unwrap_or(seats.taken);
            de_en(
                lang,
                format!("Ausgebucht (alle {capacity} Plätze vergeben): {title}"),
                format!("Fully booked (all {capacity} places taken): {title}"),
            )
        }
    }
}

/// A registration error for the user; store errors carry their own explanation.
pub fn registration_error(error: &RegistrationError, title: &str, lang: Lang) -> String {
    match error {
        RegistrationError::Refused(reason) => refusal(reason, title, lang),
        RegistrationError::NotRegistered { email, .. } => {
            let (title, email) = (for_terminal(title), for_terminal(email));
            de_en(
                lang,
                format!("Keine Anmeldung von {email} für: {title}"),
                format!("No registration of {email} for: {title}"),
            )
        }
        RegistrationError::Overtaken => de_en(
            lang,
            "Nicht mehr rückgängig zu machen: Die Anmeldung wurde inzwischen erneut geändert.".into(),
            "Can no longer be undone: the registration has been changed again since.".into(),
        ),
        RegistrationError::Forbidden(Forbidden::RegisterOthers) => {
            let title = for_terminal(title);
            de_en(
                lang,
                format!(
                    "Nicht angemeldet: Sie können nur sich selbst anmelden, mit der E-Mail-Adresse Ihres Profils (lotse profile set). Andere Personen meldet das Organisationsteam der Veranstaltung an. Veranstaltung: {title}"
                ),
                format!(
                    "Not registered: you may only register yourself, with your profile's e-mail address (lotse profile set). Other people are registered by the offering's organisers. Offering: {title}"
                ),
            )
        }
        RegistrationError::Forbidden(Forbidden::CancelOthers) => {
            let title = for_terminal(title);
            de_en(
                lang,
                format!(
                    "Nicht abgemeldet: Sie können nur Ihre eigenen Anmeldungen stornieren. Wenden Sie sich an das Organisationsteam der Veranstaltung. Veranstaltung: {title}"
                ),
                format!(
                    "Not cancelled: you may only cancel your own registrations. Please ask the offering's organisers. Offering: {title}"
                ),
            )
        }
        RegistrationError::Store(error) => error.explain(lang),
    }
}

/// An offering's places as numbers: "12 von 20 frei", "ausgebucht, 3 auf der Warteliste".
pub fn seats_in_numbers(seats: &crate::domain::Seats, lang: Lang) -> Option<String> {
    let capacity = seats.capacity?;
    let waiting = seats.waiting;
    Some(match seats.free() {
        Some(0) if waiting > 0 => de_en(
            lang,
            format!("ausgebucht, {waiting} auf der Warteliste"),
            format!("fully booked, {waiting} on the waitlist"),
        ),
        Some(0) => de_en(lang, "ausgebucht".into(), "fully booked".into()),
        free => {
            let free = free.unwrap_or(capacity);
            de_en(lang, format!("{free} von {capacity} frei"), format!("{free} of {capacity} free"))
        }
    })
}

/// What colleagues did: "2 angemeldet, 3 interessiert (Erika Muster, Max Geheim)".
pub fn team_line(team: &crate::domain::Team, lang: Lang) -> String {
    let counts: Vec<String> = [
        (team.registered, "angemeldet", "registered"),
        (team.waitlisted, "auf der Warteliste", "on the waitlist"),
        (team.interested, "interessiert", "interested"),
    ]
    .into_iter()
    .filter(|(count, _, _)| *count > 0)
    .map(|(count, de, en)| de_en(lang, format!("{count} {de}"), format!("{count} {en}")))
    .collect();
    let mut names: Vec<String> = Vec::new();
    for name in team.registered_names.iter().chain(&team.interested_names) {
        let name = for_terminal(name);
        if !names.contains(&name) {
            names.push(name);
        }
    }
    let counts = counts.join(", ");
    if names.is_empty() { counts } else { format!("{counts} ({})", names.join(", ")) }
}

/// The line above a registration form: places left, the waitlist, the deadline.
pub fn seats_notice(seats: &crate::domain::Seats, deadline: Option<crate::domain::Moment>, lang: Lang) -> String {
    let mut parts = Vec::new();
    match (seats.capacity, seats.free()) {
        (Some(_), Some(0)) => parts.push(de_en(
            lang,
            format!("Ausgebucht – mit dem Absenden kommen Sie auf die Warteliste (Platz {})", seats.waiting + 1),
            format!("Fully booked – submitting puts you on the waitlist (place {})", seats.waiting + 1),
        )),
        (Some(capacity), Some(free)) => parts.push(de_en(
            lang,
            format!("Noch {free} von {capacity} Plätzen frei"),
            format!("{free} of {capacity} places left"),
        )),
        _ => {}
    }
    if let Some(deadline) = deadline {
        let deadline = format::moment(deadline, lang);
        parts.push(de_en(lang, format!("Anmeldeschluss: {deadline}"), format!("Registration closes: {deadline}")));
    }
    parts.join(" · ")
}

pub fn cancel_question(lang: Lang) -> &'static str {
    match lang {
        Lang::De => "Diese Anmeldung stornieren?",
        Lang::En => "Cancel this registration?",
    }
}

pub fn field_label(field: Field, lang: Lang) -> &'static str {
    match (field, lang) {
        (Field::Name, Lang::De) => "Name",
        (Field::Email, Lang::De) => "E-Mail",
        (Field::Organisation, Lang::De) => "Organisation",
        (Field::Phone, Lang::De) => "Telefon (optional)",
        (Field::Note, Lang::De) => "Anmerkung (optional)",
        (Field::HomePlace, Lang::De) => "Heimatort: PLZ oder Ort (optional)",
        (Field::Name, Lang::En) => "Name",
        (Field::Email, Lang::En) => "E-mail",
        (Field::Organisation, Lang::En) => "Organisation",
        (Field::Phone, Lang::En) => "Phone (optional)",
        (Field::Note, Lang::En) => "Note (optional)",
        (Field::HomePlace, Lang::En) => "Home place: postcode or town (optional)",
    }
}

pub fn problem(problem: Problem, lang: Lang) -> String {
    match (problem, lang) {
        (Problem::Missing, Lang::De) => "Bitte ausfüllen".into(),
        (Problem::Missing, Lang::En) => "Please fill in".into(),
        (Problem::MalformedEmail, Lang::De) => "Keine gültige E-Mail-Adresse (Beispiel: name@stadt.de)".into(),
        (Problem::MalformedEmail, Lang::En) => "Not a valid e-mail address (example: name@town.de)".into(),
        (Problem::MalformedPhone, Lang::De) => "Nur Ziffern, Leerzeichen und + - / ( )".into(),
        (Problem::MalformedPhone, Lang::En) => "Digits, spaces and + - / ( ) only".into(),
        (Problem::TooLong { max }, Lang::De) => format!("Höchstens {max} Zeichen"),
        (Problem::UnknownPlace, Lang::De) => "Unbekannter oder mehrdeutiger Ort: bitte die Postleitzahl angeben".into(),
        (Problem::UnknownPlace, Lang::En) => "Unknown or ambiguous place: please give the postcode".into(),
        (Problem::TooLong { max }, Lang::En) => format!("At most {max} characters"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::{Seats, Team};

    #[test]
    fn places_read_as_numbers_and_a_full_offering_names_its_waitlist() {
        let seats = |capacity, taken, waiting| Seats { capacity, taken, waiting };
        assert_eq!(seats_in_numbers(&seats(Some(20), 8, 0), Lang::De).unwrap(), "12 von 20 frei");
        assert_eq!(seats_in_numbers(&seats(Some(20), 20, 3), Lang::De).unwrap(), "ausgebucht, 3 auf der Warteliste");
        assert_eq!(seats_in_numbers(&seats(Some(20), 20, 0), Lang::En).unwrap(), "fully booked");
        assert_eq!(seats_in_numbers(&seats(None, 5, 0), Lang::De), None);
    }

    #[test]
    fn the_team_line_counts_everyone_and_names_each_visible_person_once() {
        let team = Team {
            registered: 2,
            waitlisted: 0,
            interested: 3,
            registered_names: vec!["Erika Muster".into()],
            interested_names: vec!["Erika Muster".into(), "Max\u{1b}[2J Geheim".into()],
        };
        assert_eq!(team_line(&team, Lang::De), "2 angemeldet, 3 interessiert (Erika Muster, Max Geheim)");
        let anonymous = Team { registered: 0, waitlisted: 1, interested: 0, ..Team::default() };
        assert_eq!(team_line(&anonymous, Lang::En), "1 on the waitlist");
    }
}
