"""Decision records, the replacement-source ledger and officer overrides, in a database.

What approval work needs beyond a stateless screen: every decision recorded with the
facts, rulebook and date it rested on (and replayable years later); replacement
sources (减量替代来源) that cannot be counted for two projects; an officer's final
outcome kept beside the engine's. SQLite by default, PostgreSQL by URL, through
SQLAlchemy Core. This package's ``__init__`` imports nothing heavy; the database
modules load only when used. The ledger view a screening applies (no database) is
``screening.derive.ledger``.

Imports the pipeline (load, screen) and the stages below it, never tools, cli or web.
"""
