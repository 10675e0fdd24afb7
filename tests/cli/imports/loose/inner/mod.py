print("loose.inner.mod", __name__, __package__)
from . import sibling
