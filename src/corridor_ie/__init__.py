"""corridor-ie: evidence-backed records of Vietnam–China subnational cooperation from news text."""

__version__ = "0.1.0"
SCHEMA_VERSION = "1.0"
