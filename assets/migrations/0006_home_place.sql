-- Where the user works, as typed ("65795", "Hattersheim am Main"): the centre
-- of distances, the radius filter and "Kommunen wie wir". Kept apart from the
-- profile so it can be set without registering.
CREATE TABLE home_place (
    id    INTEGER PRIMARY KEY CHECK (id = 1),
    place TEXT NOT NULL
);
