//! The profile and registration forms and the yes/no dialog: their state
//! and how keys change it. Nothing here writes; submitting hands the
//! checked values back to `update`, which asks the runner to store them.

use tui_input::{Input, InputRequest};

use crate::domain::registration::{Field, FieldError, Problem};
use crate::domain::{Applicant, Profile, Seats};
use crate::geo::Gazetteer;

use super::keymap::Command;

#[derive(Debug, Clone)]
pub struct FormField {
    pub field: Field,
    pub input: Input,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum FormPurpose {
    /// The user's own details; `then_register` continues to the
    /// registration that asked for them.
    Profile {
        then_register: Option<String>,
    },
    Register {
        key: String,
        title: String,
        seats: Seats,
    },
}

#[derive(Debug, Clone)]
pub struct Form {
    pub purpose: FormPurpose,
    pub fields: Vec<FormField>,
    pub focus: usize,
    /// Problems are shown once the user tried to submit, then kept current.
    pub show_errors: bool,
}

/// What a key did to a form.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum FormOutcome {
    Editing,
    Cancelled,
    Profile { profile: Profile, home_place: Option<String> },
    Register { key: String, applicant: Applicant },
}

impl Form {
    pub fn profile(profile: Option<&Profile>, home_place: &str, then_register: Option<String>) -> Form {
        let value = |get: fn(&Profile) -> Option<&str>| profile.and_then(get).unwrap_or_default().to_owned();
        Form::new(
            FormPurpose::Profile { then_register },
            vec![
                (Field::Name, value(|p| Some(&p.name))),
                (Field::Email, value(|p| Some(&p.email))),
                (Field::Organisation, value(|p| Some(&p.organisation))),
                (Field::Phone, value(|p| p.phone.as_deref())),
                (Field::HomePlace, home_place.to_owned()),
            ],
        )
    }

    /// A registration prefilled from the profile; the note is what the user adds.
    pub fn registration(key: String, title: String, seats: Seats, profile: &Profile) -> Form {
        let mut form = Form::new(
            FormPurpose::Register { key, title, seats },
            vec![
                (Field::Name, profile.name.clone()),
                (Field::Email, profile.email.clone()),
                (Field::Organisation, profile.organisation.clone()),
                (Field::Note, String::new()),
            ],
        );
        // Name, e-mail and organisation come filled in: start where typing is needed.
        form.focus = form.fields.len() - 1;
        form
    }

    fn new(purpose: FormPurpose, values: Vec<(Field, String)>) -> Form {
        let fields = values.into_iter().map(|(field, value)| FormField { field, input: Input::new(value) }).collect();
        Form { purpose, fields, focus: 0, show_errors: false }
    }

    fn value(&self, field: Field) -> &str {
        self.fields.iter().find(|entry| entry.field == field).map_or("", |entry| entry.input.value())
    }

    /// The form's values checked as what it submits.
    fn checked(&self) -> Result<FormOutcome, Vec<FieldError>> {
        let name = self.value(Field::Name);
        let email = self.value(Field::Email);
        let organisation = self.value(Field::Organisation);
        let phone = self.value(Field::Phone);
        match &self.purpose {
            FormPurpose::Profile { .. } => {
                let home_place = self.value(Field::HomePlace).trim();
                let place_error = (!home_place.is_empty() && Gazetteer::shipped().resolve(home_place).is_err())
                    .then_some(FieldError { field: Field::HomePlace, problem: Problem::UnknownPlace });
                match (Profile::new(name, email, organisation, phone), place_error) {
                    (Ok(profile), None) => Ok(FormOutcome::Profile {
                        profile,
                        home_place: (!home_place.is_empty()).then(|| home_place.to_owned()),
                    }),
                    (Ok(_), Some(error)) => Err(vec![error]),
                    (Err(errors), error) => Err(errors.into_iter().chain(error).collect()),
                }
            }
            FormPurpose::Register { key, .. } => {
                Applicant::new(name, email, organisation, phone, self.value(Field::Note))
                    .map(|applicant| FormOutcome::Register { key: key.clone(), applicant })
            }
        }
    }

    /// The problems to show beside the fields.
    pub fn errors(&self) -> Vec<FieldError> {
        if !self.show_errors {
            return Vec::new();
        }
        self.checked().err().unwrap_or_default()
    }

    /// Submits if every field is valid; otherwise shows the problems and
    /// moves to the first field that has one.
    fn submit(&mut self) -> FormOutcome {
        match self.checked() {
            Ok(outcome) => outcome,
            Err(errors) => {
                self.show_errors = true;
                if let Some(first) = errors.first() {
                    self.focus = self.fields.iter().position(|entry| entry.field == first.field).unwrap_or(self.focus);
                }
                FormOutcome::Editing
            }
        }
    }

    pub fn command(&mut self, command: Command) -> FormOutcome {
        let last = self.fields.len() - 1;
        let edit = |form: &mut Form, request| {
            form.fields[form.focus].input.handle(request);
            FormOutcome::Editing
        };
        match command {
            Command::Cancel => FormOutcome::Cancelled,
            Command::Submit => self.submit(),
            Command::Confirm if self.focus == last => self.submit(),
            Command::Confirm | Command::NextField | Command::Down => {
                self.focus = (self.focus + 1).min(last);
                FormOutcome::Editing
            }
            Command::PrevField | Command::Up => {
                self.focus = self.focus.saturating_sub(1);
                FormOutcome::Editing
            }
            Command::CursorLeft => edit(self, InputRequest::GoToPrevChar),
            Command::CursorRight => edit(self, InputRequest::GoToNextChar),
            Command::Top => edit(self, InputRequest::GoToStart),
            Command::Bottom => edit(self, InputRequest::GoToEnd),
            Command::DeleteChar => edit(self, InputRequest::DeletePrevChar),
            Command::DeleteForward => edit(self, InputRequest::DeleteNextChar),
            Command::DeleteWord => edit(self, InputRequest::DeletePrevWord),
            Command::ClearInput => edit(self, InputRequest::DeleteLine),
            _ => FormOutcome::Editing,
        }
    }

    pub fn type_char(&mut self, ch: char) {
        self.fields[self.focus].input.handle(InputRequest::InsertChar(ch));
    }
}

/// A question with "Ja" and "Nein", where "Nein" is preselected so that
/// a stray Enter changes nothing.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Confirm {
    pub question: ConfirmQuestion,
    pub yes_selected: bool,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ConfirmQuestion {
    CancelRegistration { key: String, email: String, title: String, status: String },
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ConfirmOutcome {
    Open,
    Yes,
    No,
}

impl Confirm {
    pub fn new(question: ConfirmQuestion) -> Confirm {
        Confirm { question, yes_selected: false }
    }

    pub fn command(&mut self, command: Command) -> ConfirmOutcome {
        match command {
            Command::Yes => ConfirmOutcome::Yes,
            Command::No | Command::Cancel => ConfirmOutcome::No,
            Command::Confirm if self.yes_selected => ConfirmOutcome::Yes,
            Command::Confirm => ConfirmOutcome::No,
            Command::ToggleChoice => {
                self.yes_selected = !self.yes_selected;
                ConfirmOutcome::Open
            }
            _ => ConfirmOutcome::Open,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn profile() -> Profile {
        Profile::new("Erika Muster", "erika@hattersheim.de", "WiFö Hattersheim", "").unwrap()
    }

    fn type_text(form: &mut Form, text: &str) {
        text.chars().for_each(|ch| form.type_char(ch));
    }

    #[test]
    fn a_prefilled_registration_starts_on_the_note_and_submits_with_enter() {
        let mut form = Form::registration("k".into(), "Titel".into(), Seats::default(), &profile());
        assert_eq!(form.fields[form.focus].field, Field::Note);
        type_text(&mut form, "vegetarisch");
        let FormOutcome::Register { key, applicant } = form.command(Command::Confirm) else { panic!("submitted") };
        assert_eq!((key.as_str(), applicant.note.as_str()), ("k", "vegetarisch"));
    }

    #[test]
    fn invalid_fields_block_submitting_and_are_marked() {
        let mut form = Form::profile(None, "", None);
        assert!(form.errors().is_empty(), "no complaints before the first submit");
        type_text(&mut form, "Erika");
        form.command(Command::NextField);
        type_text(&mut form, "erika@");
        assert_eq!(form.command(Command::Submit), FormOutcome::Editing);
        let fields: Vec<Field> = form.errors().iter().map(|error| error.field).collect();
        assert_eq!(fields, vec![Field::Email, Field::Organisation]);
        assert_eq!(form.fields[form.focus].field, Field::Email, "focus goes to the first problem");
        type_text(&mut form, "hattersheim.de");
        assert_eq!(form.errors().len(), 1, "problems update as the user types");
    }

    #[test]
    fn the_home_place_must_be_a_known_place_or_empty() {
        let mut form = Form::profile(Some(&profile()), "Atlantis", None);
        assert_eq!(form.command(Command::Submit), FormOutcome::Editing);
        assert_eq!(form.errors().iter().map(|error| error.field).collect::<Vec<_>>(), vec![Field::HomePlace]);
        form.command(Command::ClearInput);
        type_text(&mut form, "65795");
        let FormOutcome::Profile { home_place, .. } = form.command(Command::Submit) else { panic!("submitted") };
        assert_eq!(home_place.as_deref(), Some("65795"));
        form.command(Command::ClearInput);
        let FormOutcome::Profile { home_place, .. } = form.command(Command::Submit) else { panic!("submitted") };
        assert_eq!(home_place, None, "an empty field forgets the home place");
    }

    #[test]
    fn editing_keys_move_the_cursor_and_delete() {
        let mut form = Form::profile(None, "", None);
        type_text(&mut form, "Erika");
        form.command(Command::Top);
        form.command(Command::DeleteForward);
        form.command(Command::CursorRight);
        form.type_char('X');
        form.command(Command::Bottom);
        form.command(Command::DeleteChar);
        assert_eq!(form.fields[0].input.value(), "rXik");
        assert_eq!(form.command(Command::Cancel), FormOutcome::Cancelled);
    }

    #[test]
    fn the_dialog_defaults_to_no() {
        let question = ConfirmQuestion::CancelRegistration {
            key: "k".into(),
            email: "e@x.de".into(),
            title: "T".into(),
            status: "Angemeldet".into(),
        };
        let mut dialog = Confirm::new(question);
        assert_eq!(dialog.command(Command::Confirm), ConfirmOutcome::No);
        dialog.command(Command::ToggleChoice);
        assert_eq!(dialog.command(Command::Confirm), ConfirmOutcome::Yes);
        assert_eq!(dialog.command(Command::Yes), ConfirmOutcome::Yes);
    }
}
