"""Following up an agreement's commitments: the dashboard panel, the "at risk" email and the
daily command that sends it. The rules are the core's (:mod:`civilsamhalle.commitments`)."""
