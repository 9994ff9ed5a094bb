-- The publisher's own site, for sources that give no page of the offering
-- itself: shown as the publisher's site, not as the offering's link.
ALTER TABLE offerings ADD COLUMN source_url TEXT;

-- The sample newsletter links only the Stadtretter's home page; databases
-- seeded before this migration carried it as the offerings' own link.
UPDATE offerings SET source_url = url, url = NULL
 WHERE source_publisher = 'Die Stadtretter' AND url = 'https://www.die-stadtretter.de';

-- The newsletter announces Mapstar as a new partner company, not as a best
-- practice: the samples leave it out, unless someone registered for it or
-- marked it.
DELETE FROM offerings
 WHERE key = 'mapstar' AND source_publisher = 'Die Stadtretter'
   AND key NOT IN (SELECT offering_key FROM registrations)
   AND key NOT IN (SELECT offering_key FROM interests);
