"""The diff as JSON."""

from __future__ import annotations

import json

from ..models import RunsDiff, SeriesDiff


def render_json(d: SeriesDiff | RunsDiff) -> str:
    """The diff as indented JSON (UTF-8, keys in model order); ``DIFF_ADAPTER`` validates it."""
    return json.dumps(d.model_dump(mode="json"), ensure_ascii=False, indent=2) + "\n"

