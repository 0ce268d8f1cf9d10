"""What policy staff run over the rulebook: explain, clause coverage, what-if diff, verify.

Imports the pipeline (load, screen) and every stage below it.
"""
