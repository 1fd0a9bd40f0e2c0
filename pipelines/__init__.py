"""The shipped pipeline files (installed as ``corridor_ie.pipelines``; this folder is the editable copy)."""
