DEEP = "deep!"
from .. import sibling as up
