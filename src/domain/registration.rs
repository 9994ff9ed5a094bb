//! The user's profile, registrations and interests, with the checks a
//! registration form must pass before anything is written.

use std::str::FromStr;

use chrono::NaiveDateTime;
use serde::{Deserialize, Serialize};

/// Longest value a form field accepts; longer input is refused, not cut.
pub const MAX_FIELD_CHARS: usize = 200;
pub const MAX_NOTE_CHARS: usize = 1000;

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Profile {
    pub name: String,
    pub email: String,
    pub organisation: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub phone: Option<String>,
}

/// What a registration form submits: who registers for which offering.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Applicant {
    pub name: String,
    pub email: String,
    pub organisation: String,
    pub phone: Option<String>,
    pub note: String,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum Field {
    Name,
    Email,
    Organisation,
    Phone,
    Note,
    /// Postcode or place name: where distances are measured from.
    HomePlace,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Problem {
    Missing,
    MalformedEmail,
    MalformedPhone,
    TooLong {
        max: usize,
    },
    /// A home place the shipped postal places do not know, or know more than once.
    UnknownPlace,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct FieldError {
    pub field: Field,
    pub problem: Problem,
}

impl Field {
    fn max_chars(self) -> usize {
        if self == Field::Note { MAX_NOTE_CHARS } else { MAX_FIELD_CHARS }
    }

    pub fn code(self) -> &'static str {
        match self {
            Field::Name => "name",
            Field::Email => "email",
            Field::Organisation => "organisation",
            Field::Phone => "phone",
            Field::Note => "note",
            Field::HomePlace => "heimatort",
        }
    }
}

/// Checks one field's value; every field goes through here, in forms and scripts alike.
pub fn check_field(field: Field, value: &str) -> Option<Problem> {
    let value = value.trim();
    if value.chars().count() > field.max_chars() {
        return Some(Problem::TooLong { max: field.max_chars() });
    }
    match field {
        Field::Name | Field::Email | Field::Organisation if value.is_empty() => Some(Problem::Missing),
        Field::Email if !is_plausible_email(value) => Some(Problem::MalformedEmail),
        Field::Phone if !value.is_empty() && !is_plausible_phone(value) => Some(Problem::MalformedPhone),
        _ => None,
    }
}

/// RFC 5322 syntax via `email_address`, plus a dot in the domain: an
/// address like "max@rathaus" is valid syntax but never what staff mean.
fn is_plausible_email(value: &str) -> bool {
    match email_address::EmailAddress::from_str(value) {
        Ok(address) => {
            let domain = address.domain();
            !value.contains(char::is_whitespace)
                && domain.contains('.')
                && !domain.starts_with('.')
                && !domain.ends_with('.')
                && !domain.starts_with('[')
        }
        Err(_) => false,
    }
}

fn is_plausible_phone(value: &str) -> bool {
    let digits = value.chars().filter(char::is_ascii_digit).count();
    digits >= 3 && value.chars().all(|ch| ch.is_ascii_digit() || " +-/()".contains(ch))
}

fn optional(value: &str) -> Option<String> {
    let value = value.trim();
    (!value.is_empty()).then(|| value.to_owned())
}

impl Profile {
    pub fn new(name: &str, email: &str, organisation: &str, phone: &str) -> Result<Profile, Vec<FieldError>> {
        let errors = collect_errors(&[
            (Field::Name, name),
            (Field::Email, email),
            (Field::Organisation, organisation),
            (Field::Phone, phone),
        ]);
        if !errors.is_empty() {
            return Err(errors);
        }
        Ok(Profile {
            name: name.trim().to_owned(),
            email: email.trim().to_owned(),
            organisation: organisation.trim().to_owned(),
            phone: optional(phone),
        })
    }
}

impl Applicant {
    pub fn new(
        name: &str,
        email: &str,
        organisation: &str,
        phone: &str,
        note: &str,
    ) -> Result<Applicant, Vec<FieldError>> {
        let profile = Profile::new(name, email, organisation, phone);
        let note_error = check_field(Field::Note, note).map(|problem| FieldError { field: Field::Note, problem });
        match (profile, note_error) {
            (Ok(profile), None) => Ok(Applicant {
                name: profile.name,
                email: profile.email,
                organisation: profile.organisation,
                phone: profile.phone,
                note: note.trim().to_owned(),
            }),
            (Ok(_), Some(error)) => Err(vec![error]),
            (Err(mut errors), note_error) => {
                errors.extend(note_error);
                Err(errors)
            }
        }
    }

    pub fn from_profile(profile: &Profile, note: &str) -> Result<Applicant, Vec<FieldError>> {
        Applicant::new(
            &profile.name,
            &profile.email,
            &profile.organisation,
            profile.phone.as_deref().unwrap_or(""),
            note,
        )
    }
}

fn collect_errors(fields: &[(Field, &str)]) -> Vec<FieldError> {
    fields
        .iter()
        .filter_map(|&(field, value)| check_field(field, value).map(|problem| FieldError { field, problem }))
        .collect()
}

/// E-mail addresses compare case-insensitively: one person, one registration.
pub fn email_key(email: &str) -> String {
    email.trim().to_lowercase()
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Status {
    Registered,
    Waitlisted,
    Cancelled,
}

impl Status {
    pub fn code(self) -> &'static str {
        match self {
            Status::Registered => "registered",
            Status::Waitlisted => "waitlisted",
            Status::Cancelled => "cancelled",
        }
    }

    pub fn from_code(code: &str) -> Option<Status> {
        [Status::Registered, Status::Waitlisted, Status::Cancelled].into_iter().find(|status| status.code() == code)
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Registration {
    pub id: i64,
    pub offering_key: String,
    pub name: String,
    pub email: String,
    pub organisation: String,
    pub phone: Option<String>,
    pub note: String,
    pub status: Status,
    /// Place on the waitlist, counting from 1, while waitlisted.
    pub waitlist_position: Option<u32>,
    pub registered_at: NaiveDateTime,
}

/// How many places an offering has and how many are taken.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize)]
pub struct Seats {
    pub capacity: Option<u32>,
    pub taken: u32,
    pub waiting: u32,
}

impl Seats {
    pub fn is_full(&self) -> bool {
        self.capacity.is_some_and(|capacity| self.taken >= capacity)
    }

    pub fn free(&self) -> Option<u32> {
        self.capacity.map(|capacity| capacity.saturating_sub(self.taken))
    }
}

/// Registered and waitlisted people by offering key.
pub type SeatCounts = std::collections::HashMap<String, (u32, u32)>;

impl Seats {
    pub fn of(capacity: Option<u32>, counts: &SeatCounts, key: &str) -> Seats {
        let (taken, waiting) = counts.get(key).copied().unwrap_or_default();
        Seats { capacity, taken, waiting }
    }
}

/// A registration with the offering it is for, as exports need them.
#[derive(Debug, Clone, PartialEq)]
pub struct Booking {
    pub registration: Registration,
    pub offering: super::Offering,
    pub summary: String,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn emails_need_a_local_part_and_a_dotted_domain() {
        for good in ["max@example.de", "m.mustermann@wirtschaftsfoerderung-hattersheim.de", "a+b@x.co"] {
            assert_eq!(check_field(Field::Email, good), None, "{good}");
        }
        for bad in ["", "max", "max@", "@example.de", "max@rathaus", "max @example.de", "max@example.", "max@@x.de"] {
            assert!(check_field(Field::Email, bad).is_some(), "{bad}");
        }
    }

    #[test]
    fn required_fields_must_not_be_blank_and_phone_is_optional() {
        let errors = Applicant::new("  ", "max@example.de", "", "", "").unwrap_err();
        let fields: Vec<Field> = errors.iter().map(|error| error.field).collect();
        assert_eq!(fields, vec![Field::Name, Field::Organisation]);
        let applicant = Applicant::new(" Max ", "max@example.de", "WiFö", " ", " vegetarisch ").unwrap();
        assert_eq!(applicant.name, "Max");
        assert_eq!(applicant.phone, None);
        assert_eq!(applicant.note, "vegetarisch");
    }

    #[test]
    fn overlong_fields_are_refused_not_cut() {
        let long = "x".repeat(MAX_FIELD_CHARS + 1);
        assert_eq!(check_field(Field::Name, &long), Some(Problem::TooLong { max: MAX_FIELD_CHARS }));
        assert_eq!(check_field(Field::Note, &"y".repeat(MAX_NOTE_CHARS)), None);
        assert_eq!(check_field(Field::Phone, "06190 / 970-0"), None);
        assert_eq!(check_field(Field::Phone, "ruf an"), Some(Problem::MalformedPhone));
    }

    #[test]
    fn email_keys_ignore_case_and_spaces() {
        assert_eq!(email_key(" Max@Example.DE "), "max@example.de");
    }
}
