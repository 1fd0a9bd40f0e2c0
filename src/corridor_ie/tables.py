"""The one loader for data tables (``data/*.toml`` and each language's ``lang/<code>/*.toml``).

Every table has a pydantic schema (a subclass of ``Table``) that forbids unknown keys, so a misspelt
key is an error when the table is loaded, naming ``file:line``, instead of a list that silently comes
back empty. Tables are read once, when a pipeline's resources are built, and passed to the stages that
use them: no stage reads a data file itself.

>>> from pydantic import Field
>>> class Example(Table):
...     words: list[str] = Field(default_factory=list)
>>> parse_table('words = ["a", "b"]', Example, "example.toml").words
['a', 'b']
>>> parse_table('wrods = ["a"]', Example, "example.toml")
Traceback (most recent call last):
...
corridor_ie.errors.ConfigError: example.toml:1: wrods: Extra inputs are not permitted (see the schema of this table: corridor_ie.tables.Example)
"""

from __future__ import annotations

import re
import tomllib
import unicodedata
from importlib.resources.abc import Traversable
from pathlib import Path
from typing import TypeVar

from pydantic import BaseModel, ConfigDict, ValidationError, field_validator

from .errors import ConfigError

T = TypeVar("T", bound="Table")


class Table(BaseModel):
    """Base of every data-table schema: unknown keys are errors; strings are made NFC."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    @field_validator("*", mode="before")
    @classmethod
    def _nfc(cls, value):
        return _nfc(value)


def _nfc(value):
    if isinstance(value, str):
        return unicodedata.normalize("NFC", value)
    if isinstance(value, list):
        return [_nfc(v) for v in value]
    if isinstance(value, dict):
        return {_nfc(k): _nfc(v) for k, v in value.items()}
    return value


def line_of(text: str, key: str) -> int:
    """Best-effort line number of a TOML key, for ``file:line: message`` errors."""
    k = re.escape(key)
    pat = re.compile(rf"^[ \t]*\"?{k}\"?[ \t]*[=.]|^[ \t]*\[(?:[\w.\"]+\.)?\"?{k}\"?[.\]]", re.M)
    m = pat.search(text)
    return text.count("\n", 0, m.start()) + 1 if m else 1


def parse_table(text: str, model: type[T], where: str) -> T:
    """Validate TOML ``text`` against ``model``; errors name ``where:line``."""
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as e:
        m = re.search(r"line (\d+)", str(e))
        raise ConfigError(f"not valid TOML: {e}", location=f"{where}:{m.group(1)}" if m else where) from None
    try:
        return model.model_validate(data)
    except ValidationError as e:
        err = e.errors()[0]
        keys = [str(k) for k in err["loc"] if not isinstance(k, int)]
        name = ".".join(keys) or "(top level)"
        line = line_of(text, keys[-1]) if keys else 1
        raise ConfigError(f"{name}: {err['msg']}", location=f"{where}:{line}",
                          hint=f"see the schema of this table: {model.__module__}.{model.__qualname__}") from None


def load_table(path: Path | Traversable, model: type[T]) -> T:
    """Read and validate one data table (UTF-8 TOML)."""
    try:
        text = path.read_text(encoding="utf-8")
    except OSError as e:
        raise ConfigError(f"cannot read data table ({getattr(e, 'strerror', None) or e})", location=str(path)) from None
    except UnicodeDecodeError:
        raise ConfigError("not UTF-8 text", location=str(path), hint="save the file as UTF-8") from None
    return parse_table(text, model, str(path))
