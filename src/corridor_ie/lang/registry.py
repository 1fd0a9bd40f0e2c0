"""The languages the pipeline knows, and the set of language objects one pipeline uses.

``register_language`` adds a ``Language`` subclass (each ``lang/<code>/`` module registers itself);
``build_languages`` builds one object per registered language from the pipeline's ``[segment]``
options, once; stages receive that ``Languages`` set and ask it for a document's language.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass, field

from ..errors import ConfigError
from .base import Language

#: code -> Language subclass, in registration order (filled when ``corridor_ie.lang`` is imported)
REGISTERED: dict[str, type[Language]] = {}


def register_language(cls: type[Language]) -> type[Language]:
    """Class decorator: make ``cls`` available under ``cls.code``."""
    REGISTERED[cls.code] = cls
    return cls


@dataclass(frozen=True, eq=False)
class Languages:
    """The language objects of one pipeline; ``get`` never fails (an unknown code gets ``fallback``)."""

    by_code: Mapping[str, Language]
    fallback: Language = field(repr=False)

    def get(self, code: str | None) -> Language:
        """The language of an ISO 639-1 code ("zh-Hant" is "zh"); the fallback for any other code."""
        key = (code or "").split("-")[0].lower()
        return self.by_code.get(key, self.fallback)

    def __iter__(self) -> Iterator[Language]:
        return iter(self.by_code.values())

    def __contains__(self, code: object) -> bool:
        return code in self.by_code


def build_languages(segmenters: Mapping[str, str] | None = None, person_scores: Mapping[str, float] | None = None,
                    sector_names: Iterable[str] | None = None,
                    registered: Mapping[str, type[Language]] | None = None) -> Languages:
    """One object per registered language. ``segmenters``: code -> segmenter name (``[segment]`` of a
    pipeline file); each name must be one the language offers."""
    from . import AnyLanguage  # noqa: F401  (importing the package registers the shipped languages)

    classes = dict(registered if registered is not None else REGISTERED)
    segmenters = dict(segmenters or {})
    for code, name in segmenters.items():
        cls = classes.get(code)
        if cls is None:
            raise ConfigError(f"segment.{code}: no such language (known: {', '.join(sorted(classes))})")
        if name not in cls.segmenters:
            raise ConfigError(f"segment.{code}: no segmenter {name!r} for {cls.name} "
                              f"(known: {', '.join(cls.segmenters)})")
    built: dict[str, Language] = {}

    def build(code: str, chain: tuple[str, ...] = ()) -> Language:
        if code in built:
            return built[code]
        if code in chain:
            raise ConfigError(f"languages borrow from each other in a circle: {' -> '.join(chain + (code,))}")
        cls = classes[code]
        borrowed = {b: build(b, chain + (code,)) for b in cls.borrows if b in classes}
        built[code] = cls(segmenters.get(code), dict(person_scores or {}), borrowed, sector_names)
        return built[code]

    for code in classes:
        build(code)
    fallback = AnyLanguage(None, dict(person_scores or {}), dict(built), sector_names)
    return Languages(dict(built), fallback)
