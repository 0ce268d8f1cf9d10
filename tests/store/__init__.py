"""Tests of screening.store."""
