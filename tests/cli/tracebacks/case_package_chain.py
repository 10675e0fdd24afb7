import pkg
import pkg
import pkg.sub as s
print(pkg.sub is s, pkg.helper is s.helper)
def f():
    try:
        s.boom()
    except ValueError as e:
        raise RuntimeError("wrapped") from e
def g():
    try:
        f()
    except RuntimeError:
        {}["missing"]
g()
