-- A state file as runlift wrote it just before its targets got one ledger (garmin_sync at 4,
-- lifts at 2, strava_history at 2: commit f4a57af), dumped with sqlite3's iterdump after a first
-- sync, a sync stopped by a 429, a lost schedule answer, a refused delete, a cached run, a
-- measured weight unit and a kept far month. Frozen: never edit (tests/test_store.py).
PRAGMA user_version = 1;
CREATE TABLE gc_calendar_months (
        year INTEGER NOT NULL,
        month INTEGER NOT NULL,
        items TEXT NOT NULL,
        fetched_at TEXT NOT NULL,
        PRIMARY KEY (year, month)
    );
INSERT INTO "gc_calendar_months" VALUES(2027,1,'{"calendarItems": []}','2026-11-20T10:00:00+00:00');
CREATE TABLE gc_intents (
        id INTEGER PRIMARY KEY AUTOINCREMENT,
        created_at TEXT NOT NULL,
        action TEXT NOT NULL,
        key TEXT NOT NULL,
        workout_id INTEGER,
        schedule_id INTEGER,
        day TEXT,
        content_hash TEXT,
        status TEXT NOT NULL DEFAULT 'pending',
        result TEXT NOT NULL DEFAULT '',
        finished_at TEXT
    );
INSERT INTO "gc_intents" VALUES(1,'2026-11-20T10:00:00+00:00','create_workout','2026-11-24/A',NULL,NULL,'2026-11-24','aaaaaaaaaaaa','done','5000001','2026-11-20T10:00:00+00:00');
INSERT INTO "gc_intents" VALUES(2,'2026-11-20T10:00:00+00:00','schedule','2026-11-27/B',5000003,NULL,'2026-11-27','bbbbbbbbbbbb','pending','',NULL);
INSERT INTO "gc_intents" VALUES(3,'2026-11-20T10:00:00+00:00','delete_workout','2026-11-17/B',4999990,NULL,NULL,NULL,'failed','GarminRejected','2026-11-20T10:00:00+00:00');
CREATE TABLE gc_sync_runs (
        id INTEGER PRIMARY KEY AUTOINCREMENT,
        started_at TEXT NOT NULL,
        finished_at TEXT,
        outcome TEXT NOT NULL,
        message TEXT NOT NULL DEFAULT '',
        counts TEXT NOT NULL DEFAULT '{}'
    );
INSERT INTO "gc_sync_runs" VALUES(1,'2026-11-20T10:00:00+00:00','2026-11-20T10:00:00+00:00','ok','','{"create": 2, "requests": 9}');
INSERT INTO "gc_sync_runs" VALUES(2,'2026-11-20T10:00:00+00:00','2026-11-20T10:00:00+00:00','rate-limited','Garmin Connect asked runlift to slow down','{}');
CREATE TABLE gc_weight_unit (
        id INTEGER PRIMARY KEY CHECK (id = 1),
        factor REAL NOT NULL,
        measured_at TEXT NOT NULL,
        source TEXT NOT NULL
    );
INSERT INTO "gc_weight_unit" VALUES(1,1.0,'2026-11-20T10:00:00+00:00','the first sync');
CREATE TABLE gc_workout_details (
        workout_id INTEGER PRIMARY KEY,
        updated TEXT NOT NULL,
        summary TEXT NOT NULL,
        fetched_at TEXT NOT NULL
    , checked INTEGER NOT NULL DEFAULT 0, first_page INTEGER);
INSERT INTO "gc_workout_details" VALUES(766862681,'2026-11-01T10:00:00.0','{"name": "Tempo", "sport": "running"}','2026-11-20T10:00:00+00:00',3,1);
CREATE TABLE gc_workouts (
        workout_id INTEGER PRIMARY KEY,
        key TEXT NOT NULL,
        content_hash TEXT NOT NULL,
        day TEXT NOT NULL,
        schedule_id INTEGER,
        name TEXT NOT NULL DEFAULT '',
        updated_at TEXT NOT NULL
    );
INSERT INTO "gc_workouts" VALUES(5000001,'2026-11-24/A','aaaaaaaaaaaa','2026-11-24',5000002,'Runner Strength A · Tue 24 Nov','2026-11-20T10:00:00+00:00');
INSERT INTO "gc_workouts" VALUES(5000003,'2026-11-27/B','bbbbbbbbbbbb','2026-11-27',NULL,'Runner Strength B · Fri 27 Nov','2026-11-20T10:00:00+00:00');
CREATE TABLE lift_activities (
        activity_id TEXT PRIMARY KEY,
        source TEXT NOT NULL,
        start_utc TEXT NOT NULL UNIQUE,
        day TEXT NOT NULL,
        name TEXT NOT NULL DEFAULT '',
        origin TEXT NOT NULL DEFAULT ''
    , workout TEXT);
CREATE TABLE lift_sets (
        activity_id TEXT NOT NULL REFERENCES lift_activities (activity_id) ON DELETE CASCADE,
        position INTEGER NOT NULL,
        start_utc TEXT,
        category TEXT NOT NULL,
        name TEXT,
        reps INTEGER,
        weight_kg REAL,
        duration_s REAL,
        display_unit TEXT,
        move TEXT,
        matched_by TEXT NOT NULL, reason TEXT NOT NULL DEFAULT '',
        PRIMARY KEY (activity_id, position)
    );
CREATE TABLE schema_versions (part TEXT PRIMARY KEY, version INTEGER);
INSERT INTO "schema_versions" VALUES('garmin_sync',4);
INSERT INTO "schema_versions" VALUES('lifts',2);
INSERT INTO "schema_versions" VALUES('strava_history',2);
CREATE TABLE strava_activities (
        id INTEGER PRIMARY KEY,
        name TEXT NOT NULL,
        sport_type TEXT NOT NULL,
        workout_type INTEGER,
        start_local TEXT NOT NULL,
        start_utc TEXT NOT NULL,
        distance_m REAL NOT NULL,
        moving_time_s INTEGER NOT NULL,
        elapsed_time_s INTEGER NOT NULL
    );
CREATE TABLE strava_meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE INDEX gc_intents_status ON gc_intents (status);
CREATE INDEX lift_activities_day ON lift_activities (day);
CREATE INDEX lift_sets_move ON lift_sets (move);
CREATE INDEX strava_activities_start ON strava_activities (start_utc);
DELETE FROM "sqlite_sequence";
INSERT INTO "sqlite_sequence" VALUES('gc_sync_runs',2);
INSERT INTO "sqlite_sequence" VALUES('gc_intents',3);
