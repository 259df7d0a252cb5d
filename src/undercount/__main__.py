"""``python -m undercount`` is the ``undercount`` command."""

from undercount.cli import main

main()
