-- The portal of the sandbox: articles with their disclosure metadata and attachments, the index
-- number serials, service guides and the mailbox. Its own database, applied by Flyway into
-- portal_schema_history.

-- state: DRAFT, PUBLISHED, WITHDRAWN. content_json is the reviewed ArticleDraft as the API writes it.
CREATE TABLE portal_article (
    id                 VARCHAR(36)   PRIMARY KEY,
    agency_credit_code VARCHAR(18)   NOT NULL,
    agency_name        VARCHAR(200)  NOT NULL,
    idempotency_key    VARCHAR(200),
    version            BIGINT        NOT NULL,
    state              VARCHAR(16)   NOT NULL,
    column_name        VARCHAR(40)   NOT NULL,
    title              VARCHAR(400)  NOT NULL,
    content_json       CLOB          NOT NULL,
    index_number       VARCHAR(20),
    published_on       DATE,
    withdrawal_reason  VARCHAR(2000),
    changed_at         TIMESTAMP WITH TIME ZONE NOT NULL,
    CONSTRAINT portal_article_idempotency UNIQUE (agency_credit_code, idempotency_key),
    CONSTRAINT portal_article_index_number UNIQUE (index_number)
);

-- The last serial allocated per organisation code and year: 索引号 are unique per agency and year.
CREATE TABLE portal_index_serial (
    organization_code  VARCHAR(9)    NOT NULL,
    serial_year        INT           NOT NULL,
    last_serial        INT           NOT NULL,
    PRIMARY KEY (organization_code, serial_year)
);

CREATE TABLE portal_attachment (
    id                 VARCHAR(36)   PRIMARY KEY,
    article_id         VARCHAR(36)   NOT NULL REFERENCES portal_article (id),
    idempotency_key    VARCHAR(200),
    position           INT           NOT NULL,
    file_name          VARCHAR(400)  NOT NULL,
    type               VARCHAR(10)   NOT NULL,
    size               BIGINT        NOT NULL,
    sha256             VARCHAR(64)   NOT NULL,
    content            BLOB          NOT NULL,
    CONSTRAINT portal_attachment_idempotency UNIQUE (article_id, idempotency_key)
);

CREATE TABLE portal_guide (
    id                 VARCHAR(36)   PRIMARY KEY,
    agency_credit_code VARCHAR(18)   NOT NULL,
    agency_name        VARCHAR(200)  NOT NULL,
    idempotency_key    VARCHAR(200),
    version            BIGINT        NOT NULL,
    title              VARCHAR(400)  NOT NULL,
    content_json       CLOB          NOT NULL,
    published_on       DATE          NOT NULL,
    changed_at         TIMESTAMP WITH TIME ZONE NOT NULL,
    CONSTRAINT portal_guide_idempotency UNIQUE (agency_credit_code, idempotency_key)
);

-- state: OPEN, REPLIED. writer_name and writer_contact are personal data: only the assigned
-- agency reads them through the API; public pages never show them.
CREATE TABLE portal_letter (
    id                 VARCHAR(36)   PRIMARY KEY,
    agency_credit_code VARCHAR(18)   NOT NULL,
    subject            VARCHAR(400)  NOT NULL,
    body               CLOB          NOT NULL,
    writer_name        VARCHAR(200)  NOT NULL,
    writer_contact     VARCHAR(200)  NOT NULL,
    submitted_at       TIMESTAMP WITH TIME ZONE NOT NULL,
    state              VARCHAR(16)   NOT NULL,
    reply              CLOB,
    replied_at         TIMESTAMP WITH TIME ZONE
);
