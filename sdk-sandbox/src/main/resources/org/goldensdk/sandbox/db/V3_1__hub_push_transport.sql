-- How the hub pushes to a party's endpoint: REST (POST {endpoint}/deliveries) or SOAP (the
-- ExchangeReceiverService of docs/exchange/exchange-service.wsdl at the endpoint's address).
-- Version 3.1 so that it orders before any later schema step of other changes.
ALTER TABLE hub_party ADD COLUMN push_transport VARCHAR(4) DEFAULT 'REST' NOT NULL;
