"""The command line's subcommands, one module each; :mod:`newsarchive.cli` dispatches.

Each module exposes ``main(argv, prog) -> exit status`` and keeps its own ``--help``
text in its docstring, so ``scripts/`` wrappers and the console command print the same.
"""
