-- OutboxRelayIT needs no table of its own: the platform adds the outbox.
-- (No semicolon may appear in a comment: applySchema splits the script on it.)
CREATE TABLE IF NOT EXISTS relay_test (id INTEGER PRIMARY KEY)
