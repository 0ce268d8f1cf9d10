"""Tests of screening.engine."""
