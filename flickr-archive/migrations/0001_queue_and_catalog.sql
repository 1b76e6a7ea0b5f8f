-- The fleet's queue and catalog. One database serves every worker on every
-- machine; a job is claimed with FOR UPDATE SKIP LOCKED and held by a lease
-- the worker renews, so a lost worker's job goes back to the queue when its
-- lease runs out.

-- What is archived: one row per target as added (`user:NSID`, `album:ID`,
-- `gallery:ID`, `group:ID`, `commons`).
CREATE TABLE targets (
    id          BIGSERIAL PRIMARY KEY,
    spec        TEXT NOT NULL UNIQUE,
    kind        TEXT NOT NULL,
    key         TEXT NOT NULL,
    -- pending, listing, fetching, packaging, done, gone (deleted or private
    -- on Flickr), failed (out of attempts)
    state       TEXT NOT NULL DEFAULT 'pending',
    title       TEXT,
    -- the NSID whose photos are the library's own (user and album targets)
    owner       TEXT,
    -- the album as flickr.photosets.getInfo answered (album targets)
    info        JSONB,
    listed      INTEGER NOT NULL DEFAULT 0,
    reason      TEXT,
    bag_key     TEXT,
    added_at    TIMESTAMPTZ NOT NULL DEFAULT now(),
    listed_at   TIMESTAMPTZ,
    packaged_at TIMESTAMPTZ
);

-- The queue. kind: list (a target's photos into the catalog, then its
-- batches), fetch (a batch's files into the store), package (the target's
-- bag). A job is ready when state = 'ready' and run_after has passed, or
-- when it is running under a lease that has run out.
CREATE TABLE jobs (
    id          BIGSERIAL PRIMARY KEY,
    target_id   BIGINT NOT NULL REFERENCES targets (id) ON DELETE CASCADE,
    kind        TEXT NOT NULL,
    -- claimed lowest first: package 0, fetch 1, list 2 (a target under way
    -- is finished before the next is started)
    priority    SMALLINT NOT NULL,
    photo_ids   TEXT[] NOT NULL DEFAULT '{}',
    state       TEXT NOT NULL DEFAULT 'ready',
    attempts    INTEGER NOT NULL DEFAULT 0,
    run_after   TIMESTAMPTZ NOT NULL DEFAULT now(),
    claimed_by  TEXT,
    lease_until TIMESTAMPTZ,
    last_error  TEXT,
    created_at  TIMESTAMPTZ NOT NULL DEFAULT now(),
    finished_at TIMESTAMPTZ
);
CREATE INDEX jobs_open ON jobs (priority, id) WHERE state IN ('ready', 'running');
CREATE INDEX jobs_target ON jobs (target_id, kind, state);

-- The catalog: each photo of each target, as listed, and where its file is.
CREATE TABLE photos (
    target_id    BIGINT NOT NULL REFERENCES targets (id) ON DELETE CASCADE,
    photo_id     TEXT NOT NULL,
    position     INTEGER NOT NULL,
    owner        TEXT NOT NULL,
    media        TEXT NOT NULL,
    last_update  BIGINT,
    license      TEXT,
    safety_level TEXT,
    can_download BOOLEAN,
    item         JSONB NOT NULL,
    -- the file: set when fetched for this item's last_update
    sha256       TEXT,
    source       TEXT,
    file_name    TEXT,
    fetched_for  BIGINT,
    failure      TEXT,
    PRIMARY KEY (target_id, photo_id)
);
CREATE INDEX photos_sha256 ON photos (sha256);

-- Every object in the store, by content: the key is derived from the
-- SHA-256, so an upload repeated after a crash lands on the same key.
CREATE TABLE objects (
    sha256     TEXT PRIMARY KEY,
    sha512     TEXT NOT NULL,
    size       BIGINT NOT NULL,
    key        TEXT NOT NULL,
    created_at TIMESTAMPTZ NOT NULL DEFAULT now()
);

-- Workers, as they last said: for status.
CREATE TABLE workers (
    id          TEXT PRIMARY KEY,
    host        TEXT NOT NULL,
    pid         INTEGER NOT NULL,
    started_at  TIMESTAMPTZ NOT NULL DEFAULT now(),
    last_seen   TIMESTAMPTZ NOT NULL DEFAULT now(),
    current_job BIGINT,
    api_calls   BIGINT NOT NULL DEFAULT 0,
    files       BIGINT NOT NULL DEFAULT 0,
    bytes       BIGINT NOT NULL DEFAULT 0,
    stopped_at  TIMESTAMPTZ
);

-- The key's API calls, a row per minute, added to by every worker after
-- each job: the budget's use over the last hour, for status.
CREATE TABLE api_calls (
    minute TIMESTAMPTZ PRIMARY KEY,
    calls  BIGINT NOT NULL
);
