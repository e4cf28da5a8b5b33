"""A dataset config as one table of columns: each column's name, ``datasets`` type and value.

The features declared in the card and the parquet schema, and the rows written, are both
read off the same table (``rows.py`` holds the tables), so a new export column is one
entry there instead of a feature here and a dict key there kept in step by hand.
``datasets`` is imported only when features are built (``Table.features``): the rows of
JSONL, spaCy and Prodigy exports need nothing of it.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from types import ModuleType
from typing import Any, Generic, TypeVar

S = TypeVar("S")


@dataclass(frozen=True)
class FeatureKit:
    """What a column's feature is built from: the ``datasets`` module and the project's labels."""

    datasets: ModuleType
    stance_labels: tuple[str, ...]


#: builds a column's ``datasets`` feature (a ``Value``, ``ClassLabel``, ``List`` or struct dict)
Feature = Callable[[FeatureKit], Any]


@dataclass(frozen=True, slots=True)
class Column(Generic[S]):
    """One column: its name, its ``datasets`` type, and its value in the row of a source ``S``."""

    name: str
    feature: Feature
    value: Callable[[S], Any]


@dataclass(frozen=True)
class Table(Generic[S]):
    """The columns of a config (or of a struct inside one), in the order rows have them."""

    columns: tuple[Column[S], ...]

    def row(self, source: S) -> dict[str, Any]:
        return {c.name: c.value(source) for c in self.columns}

    def struct(self, kit: FeatureKit) -> dict[str, Any]:
        """The feature of a row of this table: a struct of the columns' features."""
        return {c.name: c.feature(kit) for c in self.columns}

    def features(self, stance_labels: tuple[str, ...]) -> Any:
        """The ``datasets.Features`` of the table's rows."""
        import datasets

        return datasets.Features(self.struct(FeatureKit(datasets, stance_labels)))

    @property
    def names(self) -> tuple[str, ...]:
        return tuple(c.name for c in self.columns)


# --------------------------------------------------------------------------- feature types


def string(kit: FeatureKit) -> Any:
    return kit.datasets.Value("string")


def int32(kit: FeatureKit) -> Any:
    return kit.datasets.Value("int32")


def class_label(names: Callable[[FeatureKit], list[str]]) -> Feature:
    """A ``ClassLabel`` (rows hold the label's index) with the names ``names`` gives."""
    return lambda kit: kit.datasets.ClassLabel(names=names(kit))


def list_of(feature: Feature) -> Feature:
    return lambda kit: kit.datasets.List(feature(kit))


def struct_of(table: Table[Any]) -> Feature:
    return table.struct
