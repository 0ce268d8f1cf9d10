"""Rule files as data: models, the condition language, parameters in force, the plan's sections.

Imports facts (strict YAML) and errors; load.py checks rule files against the stages above.
"""
