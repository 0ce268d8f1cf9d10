"""Tests of screening.derive."""
