"""dossier: documents in many languages -> YAML fact records -> a MkDocs dossier site."""

__version__ = "0.1.0"

#: Bumped whenever extraction output can change for the same input (cache key, issue 6).
EXTRACTOR_VERSION = "1"
