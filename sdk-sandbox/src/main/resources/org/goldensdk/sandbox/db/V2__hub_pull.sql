-- Pull delivery: a message fetched from its receiver's inbox is hidden from further pulls until
-- lease_until; unless the receiver acknowledges it by then (its DELIVERED receipt), it is offered again.
ALTER TABLE hub_message ADD COLUMN lease_until TIMESTAMP WITH TIME ZONE;
