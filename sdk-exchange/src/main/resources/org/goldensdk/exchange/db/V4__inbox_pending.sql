-- Pending outcomes (Outcome.pending(), then ExchangeEndpoint.complete): a message whose handler left
-- the decision for later has no outcome_receipt yet. complete() writes the outcome receipt and sets
-- outcome_unreported until the hub has acknowledged it, so a node that dies in between (or another
-- node sharing the store) reports it later. Portable SQL for H2 and PostgreSQL.
ALTER TABLE golden_inbox_message ADD COLUMN outcome_unreported BOOLEAN DEFAULT FALSE NOT NULL;

CREATE INDEX golden_inbox_message_unreported ON golden_inbox_message (outcome_unreported);
