"""What every block of a proposal shares: strict, immutable, amounts never negative.

Unknown keys are errors (a misspelt field must not be silently dropped), and
values are frozen once validated so nothing downstream can change a fact.
Facts are strict: a number is a number (``'1200'`` is refused), a yes/no fact is
``true`` or ``false`` (``0``, ``'false'`` and ``no`` are refused) and a date is a
date (``2022-09-01``; a number of seconds is refused). Every block states its
numbers, flags and dates with the types below.
"""


from datetime import date
from typing import Annotated, Any

from pydantic import BaseModel, BeforeValidator, ConfigDict, Field, Strict
from pydantic_core import PydanticCustomError


def _day(value: Any) -> Any:
    if isinstance(value, date | str):
        return value
    raise PydanticCustomError("date_type", "Input should be a date written YYYY-MM-DD")


#: true or false, nothing that merely looks like one
Flag = Annotated[bool, Strict()]
#: an amount: a number, never text, never negative, never NaN or infinite
NonNegative = Annotated[float, Strict(), Field(ge=0, allow_inf_nan=False)]
#: a whole number (a count, a stage): never text, a fraction or a boolean
Whole = Annotated[int, Strict()]
#: a calendar date (YAML 2022-09-01, or the text "2022-09-01" in JSON)
Day = Annotated[date, BeforeValidator(_day)]


class Model(BaseModel):
    """Base of every proposal block: unknown keys refused, values frozen."""

    model_config = ConfigDict(extra="forbid", frozen=True, use_enum_values=True, defer_build=True)
