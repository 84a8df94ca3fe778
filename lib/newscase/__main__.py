import sys

from newscase.cli import main

sys.exit(main())
