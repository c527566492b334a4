"""The explainer site generator: load → validate → render → write → index (README, "How it works")."""

import os

# NumPy's OpenBLAS starts a thread per further core when it is imported, which spins a while on a core the
# build's workers want (0.5 % of a cold build's samples at N = 1,000) and is a thread alive when the build
# forks them. The build does array arithmetic only (share cards), never linear algebra: one thread is enough.
os.environ.setdefault("OPENBLAS_NUM_THREADS", "1")
