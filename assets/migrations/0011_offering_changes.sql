-- Live refresh (#11) without reading every offering again: the key of each
-- offering written or removed, in commit order, so that a dashboard on
-- this file reads again only those, as the server's notifications let it
-- there. Only the newest 10,000 are kept: a dashboard that fell further
-- behind reads everything, as it would for an import that big anyway.
-- AUTOINCREMENT: a number is never handed out twice, so a gap in what a
-- dashboard reads means rows it missed were dropped. The log says all the
-- counter of 0010 said, so the counter goes.
DROP TRIGGER offerings_version_insert;
DROP TRIGGER offerings_version_update;
DROP TRIGGER offerings_version_delete;
DROP TABLE offerings_version;

CREATE TABLE offering_changes (
    seq INTEGER PRIMARY KEY AUTOINCREMENT,
    key TEXT NOT NULL
);

CREATE TRIGGER offering_changes_insert AFTER INSERT ON offerings
BEGIN
    INSERT INTO offering_changes (key) VALUES (NEW.key);
END;

CREATE TRIGGER offering_changes_update AFTER UPDATE ON offerings
BEGIN
    INSERT INTO offering_changes (key) VALUES (OLD.key);
    INSERT INTO offering_changes (key) SELECT NEW.key WHERE NEW.key IS NOT OLD.key;
END;

CREATE TRIGGER offering_changes_delete AFTER DELETE ON offerings
BEGIN
    INSERT INTO offering_changes (key) VALUES (OLD.key);
END;

CREATE TRIGGER offering_changes_kept AFTER INSERT ON offering_changes
BEGIN
    DELETE FROM offering_changes WHERE seq <= NEW.seq - 10000;
END;
