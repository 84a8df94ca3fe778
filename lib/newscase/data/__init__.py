"""Loading and validation: an article folder as validated, source-linked DataFrames, with every
problem reported as one ``file:row:field: message`` line."""

from newscase.data.article import TABLES, Article, find_article_folder, load_article, to_frame
from newscase.data.errors import DataValidationError
from newscase.data.names import (
                                 ATTRIBUTION_LABELS,
                                 accepted_codes,
                                 actor_names,
                                 both_fit_notes,
                                 find_actor,
)

__all__ = ["ATTRIBUTION_LABELS", "TABLES", "Article", "DataValidationError", "accepted_codes",
           "actor_names", "both_fit_notes", "find_actor", "find_article_folder", "load_article",
           "to_frame"]
