"""Tests of screening.tools."""
