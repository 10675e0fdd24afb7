# Differential test of the compiler: `python3 runtime_errors_generators.py` and `gilpy runtime_errors_generators.py` must print the same (runtime_errors_generators.out).
def ub():
    print(v)
    v = 1
try:
    ub()
except UnboundLocalError as e:
    print("UnboundLocalError", e)
def free_ub():
    def inner():
        return cv
    try:
        inner()
    except NameError as e:
        print(type(e).__name__, e)
    cv = 1
free_ub()
def delit():
    a = 1
    del a
    try:
        a
    except UnboundLocalError as e:
        print("deleted", e)
delit()
try:
    undefined_name
except NameError as e:
    print(e)
gen_first = (x for x in [1, 2])
try:
    bad = (x for x in 5)
except TypeError as e:
    print("eager first iter:", e)
bases = (object,)
class WB(*bases):
    pass
print(WB.__bases__)
print(eval("1 + 2"), eval("x * 2", {"x": 21}))
ns = {}
exec("def f():\n    return 'exec f'\ny = f()", ns)
print(ns["y"])
code = compile("a = 5\nb = a * 2", "<c>", "exec")
d = {}
exec(code, d)
print(d["b"])
def outer_gen():
    def g():
        yield from range(3)
        return "r"
    res = yield from g()
    yield res
print(list(outer_gen()))
class It:
    def __init__(self): self.i = 0
    def __iter__(self): return self
    def __next__(self):
        self.i += 1
        if self.i > 3: raise StopIteration
        return self.i
print([v for v in It()], list(zip_ for zip_ in It()))
def multi():
    return 1, 2
a, b = multi(); print(a, b)
def rec(n): return 1 if n <= 1 else n * rec(n - 1)
print(rec(20))
class A:
    items = [1, 2, 3]
    doubled = [i * 2 for i in items]
    def __repr__(self): return "A()"
print(A.doubled, A())
class Prop:
    def __init__(self): self._x = 0
    @property
    def x(self): return self._x
    @x.setter
    def x(self, v): self._x = v * 10
pp = Prop(); pp.x = 2; print(pp.x)
def g2():
    x = yield
    print("got", x)
    yield x
gg = g2(); next(gg); print(gg.send(5))
print([(lambda q=q: q)() for q in range(3)])
fs = [lambda: q for q in range(3)]
print([f() for f in fs])
def deep():
    try:
        try:
            1 / 0
        except ZeroDivisionError:
            raise KeyError("k")
    except KeyError as e:
        return type(e.__context__).__name__
print(deep())
try:
    raise
except RuntimeError as e:
    print("bare raise:", e)
def ret_in_with_in_try():
    class C:
        def __enter__(s): return s
        def __exit__(s, *a): print("exit", a[0]); return False
    try:
        with C():
            return "value"
    finally:
        print("finally after exit")
print(ret_in_with_in_try())
def loop_else_break():
    for i in range(3):
        for j in range(3):
            if j == 1:
                break
        else:
            print("never")
    else:
        print("outer else", i, j)
loop_else_break()
