-- Tracing (docs/metrics.md "Traces"): the W3C traceparent of an execution's trace, written at its start
-- (the starting request's span, or a new root) and read by every claim of its steps, so the spans of
-- its step runs join one trace whichever replica runs them. NULL while tracing is off (the default).
-- A nullable column without a default: adding it rewrites nothing, and no index mentions it, so an
-- execution's finish stays a HOT update.
ALTER TABLE execution ADD COLUMN traceparent text;
