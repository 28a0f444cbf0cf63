-- When each spooled attachment file was last stored or uploaded again, on the hub's clock: a file
-- that no message lists (its sender never submitted the envelope) is deleted after the retention.
CREATE TABLE hub_attachment_upload (
    digest       VARCHAR(200) PRIMARY KEY,
    uploaded_at  TIMESTAMP WITH TIME ZONE NOT NULL
);
