-- notification-service: one notification per order (idempotent by order id).
-- The platform adds the outbox and processed_events tables.
CREATE TABLE IF NOT EXISTS notifications (
  order_id    TEXT PRIMARY KEY,
  outcome     TEXT NOT NULL,
  style       TEXT NOT NULL,
  message     TEXT NOT NULL,
  sku         TEXT NOT NULL,
  quantity    INTEGER NOT NULL,
  recorded_at INTEGER NOT NULL
);
CREATE INDEX IF NOT EXISTS notifications_by_recorded_at ON notifications (recorded_at)
