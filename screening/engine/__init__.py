"""Running rules: durable_rules compilation, parameters written in, the fact writer, the oracle.

Imports facts, rulebook and derive.
"""
