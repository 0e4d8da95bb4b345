from search.models.document import SearchDocument, SearchWord
from search.models.vocabulary import ProductCode, ProductTerm

__all__ = ["ProductCode", "ProductTerm", "SearchDocument", "SearchWord"]
