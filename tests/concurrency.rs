//! Many clients registering for one offering at once, each a real `lotse`
//! process: the capacity holds exactly, the waitlist has no gaps, and no
//! client fails. On SQLite and on PostgreSQL alike.

mod common;

use std::path::Path;

use common::backends::Fresh;
use common::binary::{command, stderr};
use lotse::domain::{Details, Record, Status};
use lotse::store::{Store, Whose};

const ROUNDTABLE: &str = "stadtretter-roundtable-leerstand-3";
const NEWSLETTER_DAY: &str = "2020-10-01T09:00:00+02:00";
const CLIENTS: usize = 16;
const PEOPLE_PER_CLIENT: usize = 25;
const CAPACITY: u32 = 100;

fn sixteen_clients_never_overbook(fresh: &mut Fresh) {
    let location = fresh.location();
    let mut store = Store::open(Path::new(&location)).unwrap();
    let mut record: Record =
        lotse::store::sample_records().into_iter().find(|record| record.offering.key == ROUNDTABLE).unwrap();
    let Details::Roundtable(roundtable) = &mut record.offering.details else { unreachable!("the roundtable's key") };
    roundtable.capacity = Some(CAPACITY);
    store.put_records(&[record]).unwrap();
    drop(store);

    let failures: Vec<String> = std::thread::scope(|scope| {
        let clients: Vec<_> = (0..CLIENTS)
            .map(|client| {
                let location = &location;
                scope.spawn(move || {
                    let mut failures = Vec::new();
                    for person in 0..PEOPLE_PER_CLIENT {
                        let name = format!("Person {client}-{person}");
                        let email = format!("p{client}x{person}@example.de");
                        let output = command(
                            Path::new(location),
                            &["register", ROUNDTABLE, "--name", &name, "--email", &email, "--org", "Stadt Einbeck"],
                        )
                        .env("LOTSE_NOW", NEWSLETTER_DAY)
                        .output()
                        .unwrap();
                        // 0: registered, 3: on the waitlist.
                        if !matches!(output.status.code(), Some(0 | 3)) {
                            failures.push(format!("{name}: {:?} {}", output.status.code(), stderr(&output)));
                        }
                    }
                    failures
                })
            })
            .collect();
        clients.into_iter().flat_map(|client| client.join().unwrap()).collect()
    });
    assert_eq!(failures, Vec::<String>::new());

    let store = Store::open(Path::new(&location)).unwrap();
    let registrations = store.registrations(Whose::All).unwrap();
    let registered = registrations.iter().filter(|registration| registration.status == Status::Registered).count();
    let mut positions: Vec<u32> =
        registrations.iter().filter_map(|registration| registration.waitlist_position).collect();
    positions.sort_unstable();
    assert_eq!(registered, CAPACITY as usize);
    assert_eq!(positions, (1..=(CLIENTS * PEOPLE_PER_CLIENT) as u32 - CAPACITY).collect::<Vec<_>>());
    let seats = store.seats(ROUNDTABLE).unwrap();
    assert_eq!((seats.taken, seats.waiting), (100, 300));
}

on_both_backends!(sixteen_clients_never_overbook);
