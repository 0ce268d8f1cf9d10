"""The proposal as an officer states it: strict models, reading files, flat fact names.

Bottom stage: imports only screening.errors.
"""
