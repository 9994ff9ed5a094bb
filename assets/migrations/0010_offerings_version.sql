-- Live refresh (#11): a dashboard on this file must tell a colleague's
-- import or sync (read the lists again) from a registration (read one
-- offering's places). PRAGMA data_version says only that something was
-- committed; this counter, read only then, says whether offerings were
-- among it. One small row, so a trigger per written offering stays cheap.
CREATE TABLE offerings_version (
    version INTEGER NOT NULL
);
INSERT INTO offerings_version (version) VALUES (0);

CREATE TRIGGER offerings_version_insert AFTER INSERT ON offerings
BEGIN
    UPDATE offerings_version SET version = version + 1;
END;

CREATE TRIGGER offerings_version_update AFTER UPDATE ON offerings
BEGIN
    UPDATE offerings_version SET version = version + 1;
END;

CREATE TRIGGER offerings_version_delete AFTER DELETE ON offerings
BEGIN
    UPDATE offerings_version SET version = version + 1;
END;
