# Imports: packages, relative imports, `from x import *` with __all__, circular imports,
# ImportError attributes.
import sys
import impdemo
import impdemo as hm
from impdemo import where, Thing as T
print(hm is impdemo, where(), T.__module__, impdemo.__doc__, impdemo.__name__)
from impdemo import *
print(public, Thing.__name__, "also" in dir(), "_private" in dir())
print(impdemo.sibling_value, impdemo.sibling.rel(), type(impdemo).__name__)
import impdemo.sub.deep
print(impdemo.sub.deep.DEEP, impdemo.sub.deep.up.value)
from impdemo.sub import deep as d2
print(d2 is impdemo.sub.deep, "impdemo.sub.deep" in sys.modules, sys.modules["impdemo"] is impdemo)
from impdemo import circ_a
print(circ_a.get_b(), circ_a.circ_b.get_a())
import impdemo
print("imported once")
try:
    import not_a_module_q
except ImportError as e:
    print(type(e).__name__, e, e.name, e.msg)
try:
    import impdemo.nope_q
except ModuleNotFoundError as e:
    print(type(e).__name__, e, e.name)
try:
    from impdemo import nothing_here
except ImportError as e:
    print(type(e).__name__, str(e).split(" (")[0], e.name)
e = ImportError("custom", name="n", path="p")
print(e, e.name, e.path, e.msg, e.args, repr(ImportError()))
try:
    ImportError("x", bogus=1)
except TypeError as te:
    print(te)
print(__name__, type(sys.modules).__name__, sys.modules["__main__"].__name__)
