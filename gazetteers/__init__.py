"""The shipped gazetteers (installed as ``corridor_ie.gazetteers``; this folder is the editable copy).
``generate/`` holds the generator of ``places.vn.jsonl`` and its inputs; it is not installed."""
