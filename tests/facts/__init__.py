"""Tests of screening.facts."""
