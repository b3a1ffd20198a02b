-- Statements on the database's clock. Loaded by io.stepwise.store.SqlStatements.

-- name: ClockNow
-- The server's time at the moment of the call (now() would be the transaction's start).
SELECT clock_timestamp();
