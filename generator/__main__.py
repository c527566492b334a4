"""`python -m generator`."""

import sys

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
