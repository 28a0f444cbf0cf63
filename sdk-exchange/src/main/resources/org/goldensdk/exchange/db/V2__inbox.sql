-- The receiving endpoint's inbox (ExchangeEndpoint): one row per (sender, message id) it has
-- handled, with the signed receipts it answered, so a redelivery is answered with the same receipts
-- and never reaches the handler twice. Stands alone: it uses no table of another migration.
-- Portable SQL for H2 and PostgreSQL.
CREATE TABLE golden_inbox_message (
    sender            VARCHAR(255)             NOT NULL,
    message_id        VARCHAR(64)              NOT NULL,
    envelope_digest   VARCHAR(255)             NOT NULL,
    service           VARCHAR(255)             NOT NULL,
    received_at       TIMESTAMP WITH TIME ZONE NOT NULL,
    expires_at        TIMESTAMP WITH TIME ZONE NOT NULL,
    -- the signed receipts as their JSON encoding (SignedReceipt of docs/exchange/openapi.yaml)
    delivered_receipt VARCHAR(65536)           NOT NULL,
    -- PROCESSED or REJECTED; written in the transaction that inserted the row, before it commits
    outcome_receipt   VARCHAR(65536),
    PRIMARY KEY (sender, message_id)
);

-- for purging ids once their messages can no longer be delivered
CREATE INDEX golden_inbox_message_expires ON golden_inbox_message (expires_at);
