print("pkg init", __name__)
from . import sub
from .sub import helper
