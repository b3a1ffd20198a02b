-- A test fixture: a name defined here and in b.sql.

-- name: Same
SELECT 1;
