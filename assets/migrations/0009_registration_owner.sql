-- Whose a registration is: 'profile' for the user's own (made with the
-- profile's details), NULL for people the user registered for others.
-- "Meine" follows this mark, not the text of an e-mail address, so that
-- changing the profile's e-mail keeps one's registrations and a stranger's
-- registration never counts as one's own.
ALTER TABLE registrations ADD COLUMN person TEXT;

UPDATE registrations SET person = 'profile'
WHERE email_key = (SELECT lower(trim(email)) FROM profile WHERE id = 1);

CREATE INDEX registrations_by_owner ON registrations (person, status);
