"""`python -m showfacts` runs the CLI."""

from showfacts.cli import main

if __name__ == "__main__":
    main()
