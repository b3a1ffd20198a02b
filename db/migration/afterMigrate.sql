-- Flyway runs this after every migrate. Fresh statistics keep the claim on step_ready_idx: a plan cached
-- while the queue looked empty would otherwise Seq Scan + Sort as the table grows.
ANALYZE step;
