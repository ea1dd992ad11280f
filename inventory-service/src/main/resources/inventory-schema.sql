-- inventory-service state. Applied at every start: each statement must be safe to re-run.
-- Statements are split on the semicolon, so comments must not contain one.

CREATE TABLE IF NOT EXISTS stock (
  sku       TEXT PRIMARY KEY,
  name      TEXT NOT NULL,
  available INTEGER NOT NULL CHECK (available >= 0),
  reserved  INTEGER NOT NULL CHECK (reserved >= 0)
);

-- One row per order id: the idempotency key of Reserve, Release and OrderPlaced.
-- Times are micros since the epoch.
CREATE TABLE IF NOT EXISTS reservations (
  order_id      TEXT PRIMARY KEY,
  sku           TEXT NOT NULL,
  quantity      INTEGER NOT NULL,
  status        TEXT NOT NULL CHECK (status IN ('RESERVED', 'REFUSED', 'RELEASED')),
  reject_reason TEXT NOT NULL DEFAULT '',
  detail        TEXT NOT NULL DEFAULT '',
  created_at    INTEGER NOT NULL,
  updated_at    INTEGER NOT NULL
)
