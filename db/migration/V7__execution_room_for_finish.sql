-- V5 made the finish of an execution HOT-eligible (no indexed column changes) and left 10 % of each
-- page free. That was not enough: executions started together sit on the same pages and finish
-- together, so after the first few rows of a page the new versions no longer fit, and each finish
-- wrote its tuple on another page plus an entry in every index (5.5 WAL records per finished
-- execution; 16 ms per 1,000 finishes). With half of every page free a page holds a new version of
-- each of its rows: 1.6 WAL records per finish, 5-8 ms per 1,000 (measured on PostgreSQL 15, rows of
-- ~120 bytes; outputs too large to fit still work, as a non-HOT update). The price is table size:
-- a kept execution takes about twice the heap space it took at 90.
-- Applies to pages filled from now on; existing pages keep their layout.
ALTER TABLE execution SET (fillfactor = 50);
