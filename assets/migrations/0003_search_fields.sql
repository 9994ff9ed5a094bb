-- The searchable short fields, folded when an offering is written, so that
-- `lotse search` reads three columns instead of every offering in full.
-- lotse fills them for existing rows right after this migration.
ALTER TABLE offerings ADD COLUMN search_title TEXT;
ALTER TABLE offerings ADD COLUMN search_other TEXT;
ALTER TABLE offerings ADD COLUMN search_topics TEXT;

-- Covers the search's scan: it reads these narrow index pages instead of
-- the wide rows with their long texts.
CREATE INDEX offerings_search_fields ON offerings (kind, search_title, search_other, search_topics);

-- The keyword index's vocabulary, so a search can tell when a longer prefix
-- still matches the same words and reuse what it found for the shorter one.
CREATE VIRTUAL TABLE offerings_fts_terms USING fts5vocab (offerings_fts, 'row');
