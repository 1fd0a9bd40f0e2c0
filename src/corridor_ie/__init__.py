"""corridor-ie: evidence-backed records of Vietnam–China subnational cooperation from news text."""

__version__ = "0.1.0"
SCHEMA_VERSION = "1.2"
#: every schema version a tool reading records understands (additive changes only since 1.0)
KNOWN_SCHEMA_VERSIONS = ("1.0", "1.1", "1.2")
