"""A package used by lang_imports.py."""
print("impdemo init")
from . import sibling
from .sibling import value as sibling_value
__all__ = ["public", "Thing"]
public = 1
_private = 2
also = 3
class Thing:
    pass
def where():
    return __name__
