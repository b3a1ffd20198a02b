-- Definitions are kept as the text they were given. jsonb normalised them (keys reordered, whitespace
-- dropped), so GET returned another text than PUT sent, and payload templates (Parameters, Result,
-- Arguments, Output, ...) built objects in jsonb's key order instead of the definition's, which shows
-- in every output and in States.JsonToString. The json type stores its input verbatim; nothing queries
-- inside definitions, so nothing needed jsonb. Existing rows keep the text jsonb gave them.
ALTER TABLE state_machine ALTER COLUMN definition TYPE json USING definition::json;
