-- Attachments are spooled to files named by their digest (content-addressed, streamed, never held
-- whole in memory), not stored as BLOBs: a message lists the digests of its attachments here, in
-- manifest order. hub_message_part keeps only the payload (part_index 0) from now on.
CREATE TABLE hub_message_attachment (
    sender_party     VARCHAR(200) NOT NULL,
    message_id       VARCHAR(36)  NOT NULL,
    attachment_index INT          NOT NULL,
    digest           VARCHAR(200) NOT NULL,
    size             BIGINT       NOT NULL,
    PRIMARY KEY (sender_party, message_id, attachment_index),
    FOREIGN KEY (sender_party, message_id) REFERENCES hub_message (sender_party, message_id)
);
