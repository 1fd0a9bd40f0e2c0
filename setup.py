"""Only the package list: the code packages under src/, plus the shipped pipeline and gazetteers,
which live in the repository's top-level folders (see [tool.setuptools] in pyproject.toml)."""

from setuptools import find_namespace_packages, setup

setup(packages=find_namespace_packages("src", include=["corridor_ie*"]) + ["corridor_ie.pipelines", "corridor_ie.gazetteers"])
