-- A test fixture: a name defined here and in a.sql.

-- name: Same
SELECT 2;
