CREATE TABLE IF NOT EXISTS orders (
  order_id      TEXT PRIMARY KEY,
  sku           TEXT NOT NULL,
  quantity      INTEGER NOT NULL,
  style         TEXT NOT NULL,
  customer_id   TEXT NOT NULL,
  state         TEXT NOT NULL,
  reject_reason TEXT NOT NULL,
  detail        TEXT NOT NULL,
  trace_id      TEXT NOT NULL,
  notified      INTEGER NOT NULL DEFAULT 0,
  created_at    INTEGER NOT NULL,
  updated_at    INTEGER NOT NULL
);
CREATE INDEX IF NOT EXISTS orders_by_state ON orders (state);

-- Work the sync chain owes a downstream service (resilience setting repair: durable): a Release
-- for a FAILED order whose Reserve may have been applied, a Notify for a decided order. Written in
-- the same transaction as the order state that owes it, deleted once the downstream acknowledges.
-- Times are micros since the epoch.
CREATE TABLE IF NOT EXISTS repairs (
  order_id        TEXT NOT NULL,
  kind            TEXT NOT NULL CHECK (kind IN ('RELEASE', 'NOTIFY')),
  attempts        INTEGER NOT NULL DEFAULT 0,
  next_attempt_at INTEGER NOT NULL,
  created_at      INTEGER NOT NULL,
  last_error      TEXT NOT NULL DEFAULT '',
  PRIMARY KEY (order_id, kind)
);
CREATE INDEX IF NOT EXISTS repairs_by_next_attempt ON repairs (next_attempt_at);

-- Added after the first release: a store file from before gets the column here (applySchema takes
-- an ADD COLUMN that is already done as done).
ALTER TABLE orders ADD COLUMN traceparent TEXT NOT NULL DEFAULT ''
