-- Vigil schema v1: the endpoint inventory, its sensitive fields, quarantined input, ingest runs
-- and the discovery engine's saved state.

-- One row per inventory operation. `doc` is the full snapshot (EndpointJson); the other columns are
-- copies of the parts that queries filter and sort on, rewritten with `doc` on every save.
CREATE TABLE endpoints (
    id                       bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    host                     text             NOT NULL,
    method                   text             NOT NULL,
    path_template            text             NOT NULL,
    template_confidence      double precision NOT NULL,
    calls                    bigint           NOT NULL CHECK (calls >= 0),
    first_seen               timestamptz      NOT NULL,
    last_seen                timestamptz      NOT NULL,
    exposure                 text             NOT NULL
        CHECK (exposure IN ('PUBLIC', 'PARTNER', 'INTERNAL', 'THIRD_PARTY')),
    auth_schemes             jsonb            NOT NULL,
    -- True when some traffic reached the endpoint without credentials (no scheme, or "none").
    unauthenticated          boolean          NOT NULL,
    principal_count          integer          NOT NULL,
    sensitive_field_count    integer          NOT NULL,
    -- Distinct categories (pii, financial, credentials…), sorted, for "which endpoints expose X".
    sensitive_categories     text[]           NOT NULL,
    max_sensitive_confidence double precision NOT NULL,
    doc                      jsonb            NOT NULL,
    updated_at               timestamptz      NOT NULL,
    CONSTRAINT endpoints_key UNIQUE (host, method, path_template)
);

CREATE INDEX endpoints_last_seen ON endpoints (last_seen);
CREATE INDEX endpoints_sensitive_categories ON endpoints USING gin (sensitive_categories);

-- The endpoint's sensitive fields as rows, in the snapshot's order (`ordinal`).
CREATE TABLE sensitive_fields (
    endpoint_id bigint           NOT NULL REFERENCES endpoints (id) ON DELETE CASCADE,
    ordinal     integer          NOT NULL,
    location    text             NOT NULL,
    data_type   text             NOT NULL,
    category    text             NOT NULL,
    confidence  double precision NOT NULL CHECK (confidence BETWEEN 0 AND 1),
    samples     bigint           NOT NULL CHECK (samples >= 0),
    matches     bigint           NOT NULL CHECK (matches >= 0),
    PRIMARY KEY (endpoint_id, ordinal)
);

CREATE INDEX sensitive_fields_category ON sensitive_fields (category, data_type);

-- Input records that could not become exchanges, kept with their reason (never silently dropped).
CREATE TABLE quarantine (
    id          bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    source      text        NOT NULL,
    position    bigint      NOT NULL,
    reason      text        NOT NULL,
    excerpt     text        NOT NULL,
    received_at timestamptz NOT NULL
);

-- One run of an ingest source; finished_at and the counts are set when it ends.
CREATE TABLE ingest_runs (
    id          bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    source      text        NOT NULL,
    started_at  timestamptz NOT NULL,
    finished_at timestamptz,
    accepted    bigint CHECK (accepted >= 0),
    quarantined bigint CHECK (quarantined >= 0),
    CHECK ((finished_at IS NULL) = (accepted IS NULL) AND (finished_at IS NULL) = (quarantined IS NULL))
);

-- The discovery engine's serialised state (templater trie, schema accumulators) by key, so a later
-- run continues incrementally instead of reprocessing old traffic.
CREATE TABLE engine_state (
    key        text PRIMARY KEY,
    doc        jsonb       NOT NULL,
    updated_at timestamptz NOT NULL
);
