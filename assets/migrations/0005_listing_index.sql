-- Covers the dashboard's first look (Store::listing): each tab's first rows
-- are chosen from these narrow index pages instead of the wide rows with
-- their long texts.
CREATE INDEX offerings_listing ON offerings (kind, starts_at, ends_at, title, key);
