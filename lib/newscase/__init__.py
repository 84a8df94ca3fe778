"""newscase: one news story as validated, source-linked data for close reading."""

from newscase.data import Article, load_article
from newscase.validation import DataValidationError

__all__ = ["Article", "DataValidationError", "load_article"]
