"""Segmentation: the document's language (``language`` stage), then its tokens, sentences and spaCy
``Doc`` (``segment`` stage), each asked of the document's ``Language`` object."""
