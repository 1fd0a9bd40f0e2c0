"""Renderers of a diff report, one module each: ``table`` (rich, for a terminal), ``markdown``, ``json``."""

from .json import render_json
from .markdown import render_markdown
from .table import render_table

__all__ = ["render_json", "render_markdown", "render_table"]
