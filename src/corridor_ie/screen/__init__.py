"""The ``screen`` stage: whether a page can be about the corridor at all, from its raw markup, before
any extraction (``stage.py``; the cheap markup-to-text of ``markup.py``)."""
