"""Tests of screening.cli."""
