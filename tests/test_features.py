"""Runs every scenario under features/ (bdd_features_base_dir in pyproject.toml)."""

from pytest_bdd import scenarios

scenarios(".")
