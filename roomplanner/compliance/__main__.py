"""``python -m roomplanner.compliance > docs/rules.md``: print the rule catalog page."""

import sys

from .catalog import main

sys.exit(main())
