//! Registration rules as the store enforces them, on temporary databases:
//! deadlines, capacity and waitlist, one registration per person, undo,
//! interests, the profile and forgetting it. Every rule runs on both
//! backends, SQLite and PostgreSQL.

mod common;

use common::backends::Fresh;

use chrono::NaiveDateTime;
use lotse::clock::parse_now;
use lotse::domain::{Applicant, Closed, Details, Moment, Profile, Record, Status};
use lotse::store::{Change, Refusal, Registered, RegistrationError, Store, Undone, WhenFull, Whose};

const ROUNDTABLE: &str = "stadtretter-roundtable-leerstand-3";

fn at(text: &str) -> NaiveDateTime {
    parse_now(text).unwrap()
}

/// The newsletter's date: the sample roundtable (06.10.2020, 13:00) is ahead.
fn before_roundtable() -> NaiveDateTime {
    at("2020-10-01T09:00:00+02:00")
}

fn person(number: usize) -> Applicant {
    Applicant::new(&format!("Person {number}"), &format!("person{number}@example.de"), "Stadt Einbeck", "", "").unwrap()
}

/// A store whose sample roundtable has `capacity` places and the given deadline.
fn store_with_roundtable(fresh: &mut Fresh, capacity: Option<u32>, deadline: Option<Moment>) -> Store {
    let mut store = fresh.store();
    let mut record: Record =
        lotse::store::sample_records().into_iter().find(|record| record.offering.key == ROUNDTABLE).unwrap();
    let Details::Roundtable(roundtable) = &mut record.offering.details else {
        unreachable!("the key is the roundtable's")
    };
    roundtable.capacity = capacity;
    roundtable.registration_deadline = deadline;
    store.put_records(&[record]).unwrap();
    store
}

fn register(store: &mut Store, number: usize) -> Registered {
    store.register(ROUNDTABLE, &person(number), WhenFull::JoinWaitlist, before_roundtable()).unwrap().0
}

fn statuses(store: &Store) -> Vec<(String, Status, Option<u32>)> {
    store
        .registrations(Whose::All)
        .unwrap()
        .into_iter()
        .map(|registration| (registration.name, registration.status, registration.waitlist_position))
        .collect()
}

fn registration_is_refused_after_the_deadline_and_after_the_start(fresh: &mut Fresh) {
    let deadline = Moment::Day("2020-09-30".parse().unwrap());
    let mut store = store_with_roundtable(fresh, None, Some(deadline));
    let refused = store.register(ROUNDTABLE, &person(1), WhenFull::JoinWaitlist, before_roundtable()).unwrap_err();
    assert!(
        matches!(refused, RegistrationError::Refused(Refusal::Closed(Closed::DeadlinePassed(day))) if day == deadline)
    );
    // The deadline day itself still counts.
    let on_deadline = at("2020-09-30T23:00:00+02:00");
    assert!(store.register(ROUNDTABLE, &person(1), WhenFull::JoinWaitlist, on_deadline).is_ok());

    let mut store = store_with_roundtable(fresh, None, None);
    let after_start = at("2020-10-06T13:00:00+02:00");
    let refused = store.register(ROUNDTABLE, &person(2), WhenFull::JoinWaitlist, after_start).unwrap_err();
    assert!(matches!(refused, RegistrationError::Refused(Refusal::Closed(Closed::AlreadyStarted(_)))));
    assert!(store.registrations(Whose::All).unwrap().len() <= 1);
}

fn only_events_and_roundtables_take_registrations(fresh: &mut Fresh) {
    let mut store = fresh.store();
    let refused =
        store.register("einbecker-modell", &person(1), WhenFull::JoinWaitlist, before_roundtable()).unwrap_err();
    assert!(matches!(refused, RegistrationError::Refused(Refusal::Closed(Closed::NotRegistrable(_)))));
    let unknown = store.register("gibt-es-nicht", &person(1), WhenFull::JoinWaitlist, before_roundtable()).unwrap_err();
    assert!(matches!(unknown, RegistrationError::Refused(Refusal::UnknownOffering(_))));
}

fn a_full_offering_offers_the_waitlist_and_never_exceeds_its_capacity(fresh: &mut Fresh) {
    let mut store = store_with_roundtable(fresh, Some(2), None);
    for number in 1..=2 {
        assert!(matches!(register(&mut store, number), Registered::New(r) if r.status == Status::Registered));
    }
    let refused = store.register(ROUNDTABLE, &person(3), WhenFull::Refuse, before_roundtable()).unwrap_err();
    assert!(matches!(refused, RegistrationError::Refused(Refusal::Full(seats)) if seats.taken == 2));
    let Registered::New(third) = register(&mut store, 3) else { panic!("a new registration") };
    assert_eq!((third.status, third.waitlist_position), (Status::Waitlisted, Some(1)));
    let Registered::New(fourth) = register(&mut store, 4) else { panic!("a new registration") };
    assert_eq!(fourth.waitlist_position, Some(2));
    let seats = store.seats(ROUNDTABLE).unwrap();
    assert_eq!((seats.capacity, seats.taken, seats.waiting), (Some(2), 2, 2));
}

fn cancelling_promotes_the_first_on_the_waitlist(fresh: &mut Fresh) {
    let mut store = store_with_roundtable(fresh, Some(2), None);
    for number in 1..=4 {
        register(&mut store, number);
    }
    let (cancelled, change) = store.cancel(ROUNDTABLE, "PERSON1@example.de", before_roundtable()).unwrap();
    assert_eq!(cancelled.cancelled.status, Status::Cancelled);
    assert_eq!(cancelled.promoted.as_ref().map(|r| r.name.as_str()), Some("Person 3"));
    assert!(matches!(change, Change::Cancelled { was: Status::Registered, promoted: Some(_), .. }));
    assert_eq!(
        statuses(&store),
        vec![
            ("Person 2".into(), Status::Registered, None),
            ("Person 3".into(), Status::Registered, None),
            ("Person 4".into(), Status::Waitlisted, Some(1)),
        ]
    );
    // Leaving the waitlist frees no place and promotes nobody.
    let (left, _) = store.cancel(ROUNDTABLE, "person4@example.de", before_roundtable()).unwrap();
    assert_eq!(left.promoted, None);
    let missing = store.cancel(ROUNDTABLE, "person4@example.de", before_roundtable()).unwrap_err();
    assert!(matches!(missing, RegistrationError::NotRegistered { .. }));
}

fn one_active_registration_per_email_and_offering(fresh: &mut Fresh) {
    let mut store = store_with_roundtable(fresh, Some(5), None);
    let Registered::New(first) = register(&mut store, 1) else { panic!("a new registration") };
    let mut again = person(1);
    again.email = "Person1@Example.DE".into();
    let (second, _) = store.register(ROUNDTABLE, &again, WhenFull::JoinWaitlist, before_roundtable()).unwrap();
    assert_eq!(second, Registered::Existing(first));
    assert_eq!(store.registrations(Whose::All).unwrap().len(), 1);
    // After a cancellation the same person may register anew.
    store.cancel(ROUNDTABLE, "person1@example.de", before_roundtable()).unwrap();
    assert!(matches!(register(&mut store, 1), Registered::New(_)));
}

fn undo_takes_back_a_registration_and_promotes_the_waitlist(fresh: &mut Fresh) {
    let mut store = store_with_roundtable(fresh, Some(1), None);
    let (_, change) = store.register(ROUNDTABLE, &person(1), WhenFull::JoinWaitlist, before_roundtable()).unwrap();
    register(&mut store, 2);
    let undone = store.undo(&change, before_roundtable()).unwrap();
    assert_eq!(undone, Undone::Withdrawn { key: ROUNDTABLE.into() });
    assert_eq!(statuses(&store), vec![("Person 2".into(), Status::Registered, None)]);
    assert!(matches!(store.undo(&change, before_roundtable()), Err(RegistrationError::Overtaken)));
}

fn undo_of_a_cancellation_restores_the_place_and_the_waitlist(fresh: &mut Fresh) {
    let mut store = store_with_roundtable(fresh, Some(1), None);
    register(&mut store, 1);
    register(&mut store, 2);
    let (_, change) = store.cancel(ROUNDTABLE, "person1@example.de", before_roundtable()).unwrap();
    assert_eq!(statuses(&store), vec![("Person 2".into(), Status::Registered, None)]);
    let Undone::Restored(restored) = store.undo(&change, before_roundtable()).unwrap() else { panic!("restored") };
    assert_eq!(restored.status, Status::Registered);
    assert_eq!(
        statuses(&store),
        vec![("Person 1".into(), Status::Registered, None), ("Person 2".into(), Status::Waitlisted, Some(1))]
    );
}

fn undo_of_a_cancellation_is_refused_once_the_person_registered_again(fresh: &mut Fresh) {
    let mut store = store_with_roundtable(fresh, Some(3), None);
    register(&mut store, 1);
    let (_, change) = store.cancel(ROUNDTABLE, "person1@example.de", before_roundtable()).unwrap();
    register(&mut store, 1);
    assert!(matches!(store.undo(&change, before_roundtable()), Err(RegistrationError::Overtaken)));
    assert_eq!(store.registrations(Whose::All).unwrap().len(), 1);
}

fn interest_toggles_and_undoes(fresh: &mut Fresh) {
    let mut store = fresh.store();
    let now = before_roundtable();
    let (marked, change) = store.toggle_interest("einbecker-modell", now).unwrap();
    assert!(marked);
    assert_eq!(store.interests().unwrap(), vec![("einbecker-modell".to_owned(), now)]);
    assert_eq!(store.undo(&change, now).unwrap(), Undone::Interest { key: "einbecker-modell".into(), marked: false });
    assert!(store.interests().unwrap().is_empty());
    let (marked, _) = store.toggle_interest("einbecker-modell", now).unwrap();
    let (unmarked, _) = store.toggle_interest("einbecker-modell", now).unwrap();
    assert!(marked && !unmarked);
    assert!(store.toggle_interest("gibt-es-nicht", now).is_err());
}

fn forgetting_the_profile_deletes_personal_data_and_frees_places(fresh: &mut Fresh) {
    let mut store = store_with_roundtable(fresh, Some(1), None);
    let me = Profile::new("Person 1", "person1@example.de", "Stadt Einbeck", "06190 970").unwrap();
    store.save_profile(&me).unwrap();
    assert_eq!(store.profile().unwrap(), Some(me));
    register(&mut store, 1);
    register(&mut store, 2);
    store.toggle_interest("einbecker-modell", before_roundtable()).unwrap();
    store.set_home_place(Some("65795")).unwrap();
    assert_eq!(store.forget_profile(before_roundtable()).unwrap(), 1);
    assert_eq!(store.profile().unwrap(), None);
    assert_eq!(store.home_place().unwrap(), None, "where one works is personal data too");
    assert!(store.interests().unwrap().is_empty());
    assert_eq!(statuses(&store), vec![("Person 2".into(), Status::Registered, None)]);
}

fn offerings_with_registrations_survive_removing_demo_data(fresh: &mut Fresh) {
    let mut store = fresh.store();
    let kreise = store.regions().unwrap().kreise;
    let records = lotse::demo::generate(50, 3, &kreise);
    store.put_records(&records).unwrap();
    let (open, now) = records
        .iter()
        .filter_map(|record| Some((record, record.offering.starts()?.earliest() - chrono::Duration::days(1))))
        .find(|(record, now)| record.offering.registration_closed(*now).is_none())
        .expect("some demo offering takes registrations");
    store.register(&open.offering.key, &person(1), WhenFull::JoinWaitlist, now).unwrap();
    let removed = store.delete_by_publisher(lotse::demo::DEMO_PUBLISHER).unwrap();
    assert_eq!(removed, 49);
    assert!(store.offering(&open.offering.key).unwrap().is_some());
}

fn registrations_belong_to_the_profile_not_to_an_address(fresh: &mut Fresh) {
    let mut store = store_with_roundtable(fresh, Some(5), None);
    // Without a profile nothing is one's own, whoever registered.
    register(&mut store, 21);
    assert!(store.registrations(Whose::Own).unwrap().is_empty());
    let me = Profile::new("Person 1", "person1@example.de", "Stadt Einbeck", "").unwrap();
    store.save_profile(&me).unwrap();
    let mine = Applicant::from_profile(&me, "vegetarisch").unwrap();
    store.register(ROUNDTABLE, &mine, WhenFull::JoinWaitlist, before_roundtable()).unwrap();
    // Registering someone else keeps working and stays theirs.
    register(&mut store, 2);
    let own = |store: &Store| -> Vec<String> {
        store.registrations(Whose::Own).unwrap().into_iter().map(|registration| registration.name).collect()
    };
    assert_eq!(own(&store), vec!["Person 1".to_owned()]);
    assert_eq!(store.registrations(Whose::All).unwrap().len(), 3);
    // A new address in the profile keeps one's registrations one's own.
    let moved = Profile { email: "p.eins@neue-adresse.de".into(), ..me };
    store.save_profile(&moved).unwrap();
    assert_eq!(own(&store), vec!["Person 1".to_owned()]);
    assert_eq!(store.bookings(Whose::Own).unwrap().len(), 1);
    // Forgetting the profile takes one's own registration, not the others'.
    assert_eq!(store.forget_profile(before_roundtable()).unwrap(), 1);
    let left: Vec<String> =
        store.registrations(Whose::All).unwrap().into_iter().map(|registration| registration.name).collect();
    assert_eq!(left, vec!["Person 21".to_owned(), "Person 2".to_owned()]);
}

fn the_participant_list_shows_every_status_and_the_team_counts_the_users_own(fresh: &mut Fresh) {
    let mut store = store_with_roundtable(fresh, Some(1), None);
    let me = Profile {
        name: "Person 1".into(),
        email: "person1@example.de".into(),
        organisation: "Stadt Einbeck".into(),
        phone: None,
    };
    store.save_profile(&me).unwrap();
    for number in 1..=3 {
        register(&mut store, number);
    }
    store.cancel(ROUNDTABLE, "person2@example.de", before_roundtable()).unwrap();
    store.toggle_interest(ROUNDTABLE, before_roundtable()).unwrap();

    let participants = store.participants(ROUNDTABLE).unwrap();
    let listed: Vec<(String, Status, Option<u32>)> = participants
        .registrations
        .into_iter()
        .map(|registration| (registration.name, registration.status, registration.waitlist_position))
        .collect();
    assert_eq!(
        listed,
        [
            ("Person 1".to_owned(), Status::Registered, None),
            ("Person 2".to_owned(), Status::Cancelled, None),
            ("Person 3".to_owned(), Status::Waitlisted, Some(1)),
        ]
    );
    assert_eq!(participants.interested, 1);

    // Only the user's own registration is the team's: the others were registered by hand.
    let team = store.team(ROUNDTABLE).unwrap();
    assert_eq!((team.registered, team.waitlisted, team.interested), (1, 0, 1));
    assert_eq!(
        (team.registered_names, team.interested_names),
        (vec!["Person 1".to_owned()], vec!["Person 1".to_owned()])
    );
    assert!(store.team("einbecker-modell").unwrap().is_empty());
}

/// `db copy` takes the home place with the profile, from this backend to a
/// file and from a file to this backend, and copying again changes nothing.
fn db_copy_takes_the_home_place_both_ways(fresh: &mut Fresh) {
    let mut source = fresh.store();
    let me = Profile::new("Person 1", "person1@example.de", "Stadt Einbeck", "").unwrap();
    source.save_profile(&me).unwrap();
    source.set_home_place(Some("Hattersheim am Main")).unwrap();
    let dir = tempfile::tempdir().unwrap();
    let mut file = Store::open(&dir.path().join("laptop.db")).unwrap();

    let copied = source.copy_to(&mut file).unwrap();
    assert!(copied.profile && copied.home_place, "{copied:?}");
    assert_eq!(file.home_place().unwrap().as_deref(), Some("Hattersheim am Main"));
    assert_eq!(file.profile().unwrap(), Some(me.clone()));
    source.copy_to(&mut file).unwrap();
    assert_eq!(file.home_place().unwrap().as_deref(), Some("Hattersheim am Main"), "copying again changes nothing");

    let mut back = fresh.store();
    assert_eq!(back.home_place().unwrap(), None);
    file.copy_to(&mut back).unwrap();
    assert_eq!(back.home_place().unwrap().as_deref(), Some("Hattersheim am Main"));
    assert_eq!(back.profile().unwrap(), Some(me));

    // A source without a home place leaves the target's as it is.
    let mut empty = fresh.store();
    empty.set_home_place(None).unwrap();
    let copied = empty.copy_to(&mut back).unwrap();
    assert!(!copied.home_place);
    assert_eq!(back.home_place().unwrap().as_deref(), Some("Hattersheim am Main"));
}

on_both_backends!(
    the_participant_list_shows_every_status_and_the_team_counts_the_users_own,
    registrations_belong_to_the_profile_not_to_an_address,
    registration_is_refused_after_the_deadline_and_after_the_start,
    only_events_and_roundtables_take_registrations,
    a_full_offering_offers_the_waitlist_and_never_exceeds_its_capacity,
    cancelling_promotes_the_first_on_the_waitlist,
    one_active_registration_per_email_and_offering,
    undo_takes_back_a_registration_and_promotes_the_waitlist,
    undo_of_a_cancellation_restores_the_place_and_the_waitlist,
    undo_of_a_cancellation_is_refused_once_the_person_registered_again,
    interest_toggles_and_undoes,
    forgetting_the_profile_deletes_personal_data_and_frees_places,
    offerings_with_registrations_survive_removing_demo_data,
    db_copy_takes_the_home_place_both_ways,
);

#[cfg(unix)]
#[test]
fn a_new_database_file_is_private_to_its_owner() {
    use std::os::unix::fs::PermissionsExt;
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("lotse.db");
    let mut store = Store::open(&path).unwrap();
    store.toggle_interest("einbecker-modell", before_roundtable()).unwrap();
    for file in ["lotse.db", "lotse.db-wal", "lotse.db-shm"] {
        let mode = std::fs::metadata(dir.path().join(file)).unwrap().permissions().mode() & 0o777;
        assert_eq!(mode, 0o600, "{file}");
    }
}
