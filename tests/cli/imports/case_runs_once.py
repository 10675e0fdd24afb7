import counter
import counter
import counter as c2
from counter import RUNS
import sys
print(counter is c2 is sys.modules["counter"], RUNS)
print(__name__, counter.__name__)
