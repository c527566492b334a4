"""What each list output was made from, kept from one run to the next: a live preview makes again only the list
outputs whose inputs changed.

A list output (a page of a home or topic list, a feed, the sitemap, a font subset) is made by one renderer
method from only the inputs it depends on; at N = 10,000 a site has some 2,300, and a save changes a few.
Finding each one's last inputs used to hash them all again, every listing of every page: 30 ms of a save.
Now an output's inputs are first looked up by their plain values (the method's name, the language, the page
number, the count), and when the listings there are the very objects of the last run, that run's `Inputs`,
hash and all, is taken again: the same test of equality, in the order tuples compare (each item by identity
first), without hashing anything new.
"""

from __future__ import annotations

from typing import Generic, TypeVar

Made = TypeVar("Made")


class Inputs:
    """An output's inputs (its method's name, then its arguments), hashed once, not at each of a save's lookups."""

    __slots__ = ("hashed", "values")

    def __init__(self, values: tuple[object, ...]) -> None:
        self.values, self.hashed = values, hash(values)

    def __hash__(self) -> int:
        return self.hashed

    def __eq__(self, other: object) -> bool:
        return isinstance(other, Inputs) and self.hashed == other.hashed and self.values == other.values


class Remembered(Generic[Made]):
    """What the outputs of the last run were made of (`last`), and of this one (`now`), by their inputs."""

    def __init__(self) -> None:
        self.last: dict[Inputs, Made] = {}
        self.now: dict[Inputs, Made] = {}
        self._slots: dict[tuple[object, ...], Inputs] = {}
        self._next_slots: dict[tuple[object, ...], Inputs] = {}

    def start(self) -> None:
        """A new run: what the last one kept is what this one looks up; what it does not keep is forgotten."""
        self.last, self.now = self.now, {}
        self._slots, self._next_slots = self._next_slots, {}

    def inputs(self, values: tuple[object, ...]) -> Inputs:
        """The inputs of an output, as the last run's very object when they are equal (see above)."""
        slot = tuple(value for value in values if not isinstance(value, tuple))
        known = self._slots.get(slot)
        found = known if known is not None and known.values == values else Inputs(values)
        self._next_slots[slot] = found
        return found

    def keep(self, inputs: Inputs, made: Made) -> None:
        self.now[inputs] = made
