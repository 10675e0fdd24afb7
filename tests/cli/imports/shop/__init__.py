print("running shop/__init__", __name__, __package__)
from .models import Item
from . import util
__all__ = ["Item", "VERSION"]
VERSION = "1.0"
_private = True
