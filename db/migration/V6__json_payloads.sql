-- Payloads are stored as json (the text as written), not jsonb. Stepwise never looks inside them in SQL:
-- it writes them whole and reads them whole. jsonb paid for a binary conversion on every write and a
-- text conversion on every read, and its documents were larger than the text for typical payloads.
ALTER TABLE history ALTER COLUMN events TYPE json USING events::json;
ALTER TABLE execution ALTER COLUMN input TYPE json USING input::json;
ALTER TABLE execution ALTER COLUMN output TYPE json USING output::json;
ALTER TABLE step ALTER COLUMN input TYPE json USING input::json;
ALTER TABLE step ALTER COLUMN output TYPE json USING output::json;
ALTER TABLE step ALTER COLUMN state_data TYPE json USING state_data::json;
