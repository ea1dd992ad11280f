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
CREATE INDEX IF NOT EXISTS orders_by_state ON orders (state)
