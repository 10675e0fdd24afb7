import sys
print("runnable.__main__", __name__, repr(__package__), sys.argv)
from . import helper
print(helper.VALUE)
