"""What every block of a proposal shares: strict, immutable, amounts never negative.

Unknown keys are errors (a misspelt field must not be silently dropped), and
values are frozen once validated so nothing downstream can change a fact.
"""

from __future__ import annotations

from typing import Annotated

from pydantic import BaseModel, ConfigDict, Field

NonNegative = Annotated[float, Field(ge=0, allow_inf_nan=False)]


class Model(BaseModel):
    """Base of every proposal block: unknown keys refused, values frozen."""

    model_config = ConfigDict(extra="forbid", frozen=True, use_enum_values=True)
