"""`python -m onto`: the command line, for the processes onto starts itself (the guide server)."""

from .cli import run

run()
