"""``python -m framing``: the same as the ``framing`` command."""

import sys

from .cli import main

if __name__ == "__main__":  # guard: worker processes of `--jobs N` may import this module
    sys.exit(main())
