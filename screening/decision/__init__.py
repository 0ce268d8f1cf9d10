"""A decision: findings with their clause, the outcome by precedence, text/markdown/JSON.

Imports facts, rulebook and derive.
"""
