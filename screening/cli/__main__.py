"""`python -m screening.cli` runs the command line, as the `screening` script does."""

from screening.cli import main

main()
