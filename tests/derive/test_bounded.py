"""Sums and ratios rounded to DECIMALS: the shortcut for amounts already that exact is round()."""

from __future__ import annotations

import math
import random
import sys

from screening.derive.core import DECIMALS, LARGEST, bounded


def test_bounded_is_round_for_every_kind_of_amount() -> None:
    rng = random.Random(14)
    values = [0.0, -0.0, 0.1 + 0.2, 1.194, 2.0 ** 50 / 10 ** DECIMALS, 2.0 ** 51 / 10 ** DECIMALS,
              1e-7, 5e-7, 1.0000005, sys.float_info.min, 1e300]
    values += [round(rng.uniform(0, 1e4), rng.randint(0, 7)) for _ in range(20_000)]
    values += [sum(round(rng.uniform(0, 100), 3) for _ in range(rng.randint(1, 6)))
               for _ in range(20_000)]
    values += [round(rng.uniform(0, 100), 3) / round(rng.uniform(0.001, 100), 3)
               for _ in range(20_000)]
    values += [(rng.randint(0, 10 ** 9) + 0.5) / 10 ** DECIMALS for _ in range(20_000)]
    for value in values:
        got, want = bounded(value), round(value, DECIMALS)
        assert got == want and math.copysign(1, got) == math.copysign(1, want), value
    assert bounded(math.inf) == LARGEST and bounded(-math.inf) == -LARGEST
