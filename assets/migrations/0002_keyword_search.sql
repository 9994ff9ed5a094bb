-- Keyword search over the long texts (summary and description), folded
-- the German way by lotse_fold(), a function every lotse connection
-- registers. Triggers keep the index in step with the offerings.
CREATE VIRTUAL TABLE offerings_fts USING fts5 (
    body,
    content = '',
    contentless_delete = 1,
    prefix = '3',
    tokenize = 'unicode61 remove_diacritics 0'
);

INSERT INTO offerings_fts (rowid, body)
SELECT rowid, lotse_fold(summary || ' ' || description) FROM offerings;

CREATE TRIGGER offerings_fts_after_insert AFTER INSERT ON offerings BEGIN
    INSERT INTO offerings_fts (rowid, body) VALUES (new.rowid, lotse_fold(new.summary || ' ' || new.description));
END;

CREATE TRIGGER offerings_fts_after_delete AFTER DELETE ON offerings BEGIN
    DELETE FROM offerings_fts WHERE rowid = old.rowid;
END;

-- Only when the text changed: re-importing the same data must stay cheap.
CREATE TRIGGER offerings_fts_after_update AFTER UPDATE OF summary, description ON offerings
WHEN old.summary IS NOT new.summary OR old.description IS NOT new.description BEGIN
    DELETE FROM offerings_fts WHERE rowid = old.rowid;
    INSERT INTO offerings_fts (rowid, body) VALUES (new.rowid, lotse_fold(new.summary || ' ' || new.description));
END;
