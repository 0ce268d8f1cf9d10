"""Tests of screening.rulebook."""
