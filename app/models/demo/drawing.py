"""Drawing names, credit codes, phone numbers and landlord sizes from a seeded random source."""

from __future__ import annotations

import itertools
import math
import random
from collections.abc import Callable, Sequence
from datetime import date, timedelta

from app.models.demo.names import BRAND_CHARS, GIVEN_FIRST, GIVEN_SECOND, GIVEN_SINGLE, MOBILE_PREFIXES, SURNAMES
from app.models.uscc import ALPHABET, check_character

LANDLORD_KINDS = ("village", "rental", "maker", "private")
LANDLORD_KIND_WEIGHTS = (22, 30, 44, 4)
"""Village collectives (股份经济合作社), companies that only let plants (实业/置业), manufacturers letting spare
space, and private owners."""


def landlord_weight(rng: random.Random, kind: str) -> float:
    """How strongly a landlord attracts tenants: log-normal, capped so that one landlord does not swallow a small
    demo; village collectives and rental companies build to let and attract more. At city scale this gives about
    70 % of landlords with 1–3 tenants, ~100 with 20 or more and a maximum around 60."""
    return min(rng.lognormvariate(0, 1.2), 20.0) * (2.5 if kind in ("village", "rental") else 1.0)


def tenant_counts(rng: random.Random, weights: Sequence[float], tenants: int) -> list[int]:
    """Tenants per landlord: one each first (when there are enough), the rest drawn in proportion to `weights`.

    With log-normal weights this gives the skew seen in the field: most landlords let to 1–3 tenants, a few
    (village collectives, park owners) to 20 or more.
    """
    n = len(weights)
    if n == 0:
        return []
    counts = [1] * n if tenants >= n else [0] * n
    remaining = tenants - sum(counts)
    if remaining:
        for index in rng.choices(range(n), cum_weights=list(itertools.accumulate(weights)), k=remaining):
            counts[index] += 1
    return counts


def _org_code(rng: random.Random, new_style: bool) -> str:
    """The 9-character organisation-code part (GB 11714): 8 characters and their check character."""
    if new_style:  # codes issued since 2015 begin with MA + a registration-area letter
        body = "MA" + rng.choice("12") + "".join(rng.choice(ALPHABET) for _ in range(5))
    else:
        body = "".join(rng.choice("0123456789") for _ in range(8))
    values = [int(ch) if ch.isdigit() else ord(ch) - 55 for ch in body]
    check = 11 - sum(v * w for v, w in zip(values, (3, 7, 9, 10, 5, 8, 4, 2), strict=False)) % 11
    return body + ("X" if check == 10 else "0" if check == 11 else str(check))


class Drawer:
    """Names, codes and numbers, unique where they must be, all from one seeded RNG."""

    def __init__(self, rng: random.Random, taken_usccs: set[str]) -> None:
        self.rng = rng
        self.names: set[str] = set()
        self.usccs = taken_usccs

    def person(self) -> str:
        rng = self.rng
        surname = rng.choice(SURNAMES)
        if rng.random() < 0.3:
            return surname + rng.choice(GIVEN_SINGLE)
        return surname + rng.choice(GIVEN_FIRST) + rng.choice(GIVEN_SECOND)

    def mobile(self) -> str:
        return self.rng.choice(MOBILE_PREFIXES) + f"{self.rng.randrange(10**8):08d}"

    def landline(self) -> str:
        return f"0574-{self.rng.choice('68')}{self.rng.randrange(10**7):07d}"

    def brand(self) -> str:
        first, second = self.rng.sample(BRAND_CHARS, 2)
        return first + second

    def unique(self, make: Callable[[], str]) -> str:
        for _ in range(50):
            name = make()
            if name not in self.names:
                self.names.add(name)
                return name
        # A crowded pattern: lengthen the brand until it is free (never reached at city scale in practice).
        base = make()
        for n in itertools.count(2):
            name = base.replace("有限公司", f"{n}有限公司") if "有限公司" in base else f"{base}（{n}）"
            if name not in self.names:
                self.names.add(name)
                return name
        raise AssertionError("unreachable")

    def uscc(self, registrar: str, kind: str, area: str, new_style: bool) -> str:
        while True:
            first17 = registrar + kind + area + _org_code(self.rng, new_style)
            code = first17 + check_character(first17)
            if code not in self.usccs:
                self.usccs.add(code)
                return code

    def employees(self, median: float, low: int = 2, high: int = 900) -> int:
        return max(low, min(high, round(self.rng.lognormvariate(math.log(median), 0.75))))

    def day(self, earliest: date, latest: date) -> date:
        return earliest + timedelta(days=self.rng.randrange(max(1, (latest - earliest).days + 1)))




def operator_name(rng: random.Random, drawer: Drawer, prefixes: Sequence[str], word: str) -> str:
    return f"{rng.choice(prefixes)}{drawer.brand()}{word}有限公司"
