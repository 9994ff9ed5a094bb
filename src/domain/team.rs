//! What a team on one store did about an offering: counts everyone may
//! know, names only where the viewer may see them, and the organiser's
//! full participant list.

use super::Registration;

/// The logins (on SQLite: the profile) registered for or interested in
/// one offering. The names are those the viewer may see; the counts are
/// everyone's.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Team {
    pub registered: u32,
    pub waitlisted: u32,
    pub interested: u32,
    pub registered_names: Vec<String>,
    pub interested_names: Vec<String>,
}

impl Team {
    pub fn is_empty(&self) -> bool {
        self.registered == 0 && self.waitlisted == 0 && self.interested == 0
    }
}

/// What the detail pane shows of an offering's places and its team.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Occupancy {
    pub seats: super::Seats,
    pub team: Team,
}

/// Everyone registered for one offering, cancelled ones included, first
/// come first; and how many marked interest.
#[derive(Debug, Clone, PartialEq)]
pub struct Participants {
    pub registrations: Vec<Registration>,
    pub interested: u32,
}
