"""Use cases of the ledger.

Every service function takes an open ``Session`` (and, for changes, the acting user) and
does one use case; the caller owns the transaction — one user action is one
``with db.sessions.begin() as s:`` block, so a use case commits once or not at all.
Services return frozen dataclasses, never live ORM objects, so the GUI never triggers lazy
loads or touches a closed session.
"""
