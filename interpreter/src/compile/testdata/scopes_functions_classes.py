# Differential test of the compiler: `python3 scopes_functions_classes.py` and `gilpy scopes_functions_classes.py` must print the same (scopes_functions_classes.out).
# scopes, closures, classes, functions
x = "global x"
def outer():
    x = "outer x"
    def mid():
        nonlocal x
        x = "changed by mid"
        def inner():
            return x
        return inner
    i = mid()
    return x, i()
print(outer())

def counter():
    n = 0
    def inc(by=1):
        nonlocal n
        n += by
        return n
    return inc
c = counter(); c(); c(5); print(c())

def g():
    global x
    x = "set by g"
g(); print(x)

class K:
    x = "class x"
    y = [x for _ in range(1)] if False else None
    def m(self):
        return x
    z = (lambda: x)()
print(K().m(), K.z, K.x)

def make():
    v = 1
    class Inner:
        w = v + 1
        def get(self):
            return v, self.w
    return Inner
print(make()().get())

def f2():
    y = 10
    class C:
        y = 20
        def m(self):
            return y
    return C().m(), C.y
print(f2())

class P:
    def __init__(self): self.__secret = 42
    def get(self): return self.__secret
    @staticmethod
    def s(): return "static"
    @classmethod
    def c(cls): return cls.__name__
p = P()
print(p.get(), p._P__secret, P.s(), P.c())

class Base:
    def hello(self, a, *rest, k=3, **kw):
        return ("Base", a, rest, k, sorted(kw.items()))
class Child(Base):
    def hello(self, *args, **kwargs):
        return ("Child",) + super().hello(*args, **kwargs)
    def cls(self):
        return __class__.__name__
print(Child().hello(1, 2, 3, k=4, z=5), Child().cls())

def defaults(a, b=2, *args, c, d=4, **kw):
    return a, b, args, c, d, kw
print(defaults(1, c=3), defaults(1, 2, 3, 4, c=5, d=6, e=7))
def posonly(a, b, /, c):
    return a + b + c
print(posonly(1, 2, c=3))
lam = lambda a, *b, c=1, **d: (a, b, c, d)
print(lam(1, 2, 3, c=4, e=5))
print((lambda: (yield 1))().__next__())

def deco(tag):
    def wrap(fn):
        def inner(*a, **k):
            return tag + "(" + str(fn(*a, **k)) + ")"
        return inner
    return wrap
@deco("outer")
@deco("inner")
def decorated(v):
    return v * 2
print(decorated(21))

print(outer.__qualname__, counter().__qualname__, Child.hello.__qualname__, make().get.__qualname__)
def doc():
    "the doc"
    return 1
def nodoc():
    return "not a doc"
print(doc.__doc__, nodoc.__doc__, K.__module__, K.__qualname__)
class D:
    "class doc"
print(D.__doc__)

def gen(n):
    for i in range(n):
        x = yield i
        if x: print("sent", x)
    return "ret"
gg = gen(3)
print(next(gg), gg.send("hi"), next(gg))
try:
    next(gg)
except StopIteration as e:
    print("stop", e.args)
def deleg():
    r = yield from gen(2)
    yield r
print(list(deleg()))
print(list(x * y for x in range(3) for y in range(2) if x))
print({k: v for k, v in [(1, 2), (3, 4)]}, {v for v in "aab"} == {"a", "b"})
print([[i, j] for i in range(3) if i for j in range(i)])
def walrus(data):
    res = [y for x in data if (y := x * 2) > 2]
    return res, y
print(walrus([1, 2, 3]))
print([(last := i) for i in range(3)], last)
