"""`python -m generator`."""

import os
import sys

# File names are read as UTF-8 whatever the locale: under one that is not (`PYTHONUTF8=0` with `LANG=C`), Python read
# `زيارة.yml` as bytes it could not name, and `check` called a good file's name not UTF-8 (an outside tester's). The
# command runs itself again in Python's UTF-8 mode, as `LANG=C` alone already gives it.
if sys.getfilesystemencoding().lower().replace("-", "") != "utf8" and not os.environ.get("EXPLAINERS_UTF8_TRIED"):
    os.environ["EXPLAINERS_UTF8_TRIED"] = "1"  # (once: a Python whose UTF-8 mode cannot be had runs as it is)
    os.execv(sys.executable, [sys.executable, "-X", "utf8", *sys.orig_argv[1:]])

try:
    import signal

    from .problems import interrupted

    signal.signal(signal.SIGINT, interrupted)
    from .cli import main

    code = main()
except KeyboardInterrupt:  # Ctrl-C before the command's own handling (cli.main) began: loading, say
    print("python -m generator: interrupted", file=sys.stderr)
    code = 130  # 128 + SIGINT, as shells report it
sys.exit(code)
