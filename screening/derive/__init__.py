"""From a proposal to the facts rules read: 两高, ratios, countable sources, the ledger's view.

Imports facts and rulebook.
"""
