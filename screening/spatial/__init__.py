"""Sites on the map: the zone layers (shapely, pyproj, numpy) a proposal's coordinates meet.

numpy's OpenBLAS starts a thread per core when it loads, and those threads spin
waiting for matrix work that the map never gives them (its shapes are a few
polygons). One thread is all this package needs, unless the user chose otherwise.
"""

import os

os.environ.setdefault("OPENBLAS_NUM_THREADS", "1")
