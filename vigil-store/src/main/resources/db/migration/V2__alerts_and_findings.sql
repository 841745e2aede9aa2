-- Runtime guard decisions and active-scan findings, stored with the inventory they refer to.

CREATE TABLE alerts (
    id          bigserial PRIMARY KEY,
    at          timestamptz NOT NULL,
    route       text        NOT NULL,
    detector    text        NOT NULL,
    action      text        NOT NULL,
    severity    text        NOT NULL,
    principal   text        NOT NULL,
    source      text        NOT NULL,
    doc         jsonb       NOT NULL
);
CREATE INDEX alerts_at ON alerts (at DESC);
CREATE INDEX alerts_detector ON alerts (detector);

CREATE TABLE findings (
    id          bigserial PRIMARY KEY,
    fingerprint text        NOT NULL UNIQUE,
    test_id     text        NOT NULL,
    severity    text        NOT NULL,
    owasp       text        NOT NULL,
    cwe         text        NOT NULL,
    method      text        NOT NULL,
    host        text        NOT NULL,
    path        text        NOT NULL,
    title       text        NOT NULL,
    status      text        NOT NULL DEFAULT 'open',
    first_seen  timestamptz NOT NULL,
    last_seen   timestamptz NOT NULL,
    doc         jsonb       NOT NULL
);
CREATE INDEX findings_severity ON findings (severity);
CREATE INDEX findings_endpoint ON findings (host, method, path);
