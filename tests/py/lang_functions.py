# Functions: parameters, call errors, decorators, closures, lambdas, attributes.

def t(label, f):
    try:
        r = f()
        print(label, '->', repr(r))
    except Exception as e:
        print(label, '!!', type(e).__name__, e)

def f(x):
    return x
def g(a, b, c=3, *args, d, e=5, **kw):
    return (a, b, c, args, d, e, kw)
def h(a, b, /, c, *, d):
    return (a, b, c, d)
def none():
    return 1

print(g(1, 2, d=4), g(1, 2, 3, 4, 5, d=6, z=7), h(1, 2, 3, d=4), h(1, 2, c=3, d=4))
t("missing 1", lambda: f())
t("missing 2", lambda: g(1))
t("missing 3", lambda: (lambda a, b, c: 0)())
t("missing kwonly", lambda: g(1, 2))
t("missing 2 kwonly", lambda: (lambda *, a, b: 0)())
t("unexpected kw", lambda: f(1, y=2))
t("multiple values", lambda: f(1, x=2))
t("too many", lambda: f(1, 2))
t("too many none", lambda: none(1))
t("too many defaults", lambda: (lambda a, b=1: 0)(1, 2, 3))
t("too many with kwonly", lambda: (lambda a, *, k: 0)(1, 2, k=3))
t("posonly as kw", lambda: h(1, b=2, c=3, d=4))
t("kw to builtin", lambda: len([], x=1))
t("method missing", lambda: "x".join())
class C:
    def m(self, x):
        return x
    @staticmethod
    def s(x):
        return x
    @classmethod
    def c(cls, x):
        return cls.__name__, x
t("method missing arg", lambda: C().m())
t("method too many", lambda: C().m(1, 2))
t("unbound method", lambda: C.m(1))
print(C.s(1), C().s(2), C.c(3), C().c(4))
t("call int", lambda: 5())
t("call none", lambda: None())
t("call str", lambda: "abc"())
t("star non-iterable", lambda: f(*1))
t("double star non-mapping", lambda: f(**1))
t("double star non-str keys", lambda: f(**{1: 2}))
t("double star dup", lambda: g(1, 2, **{"d": 1}, **{"d": 2}))
print(f(*[7]), g(*[1, 2], **{"d": 0, "q": 1}))

# defaults are evaluated once
def append_to(x, acc=[]):
    acc.append(x)
    return acc
append_to(1)
print(append_to(2))
print(g.__defaults__, g.__kwdefaults__, f.__name__, g.__code__.co_argcount, h.__code__.co_varnames[:4])

# decorators
def trace(fn):
    def wrapper(*args, **kwargs):
        print("call", fn.__name__, args, kwargs)
        return fn(*args, **kwargs)
    wrapper.__name__ = fn.__name__
    return wrapper

def repeat(n):
    def deco(fn):
        def wrapper(*a):
            return [fn(*a) for _ in range(n)]
        return wrapper
    return deco

@trace
@repeat(2)
def square(x):
    return x * x
print(square(3), square.__name__)

def register(cls):
    cls.registered = True
    return cls
def with_arg(tag):
    def deco(cls):
        cls.tag = tag
        return cls
    return deco
@register
@with_arg("T")
class Deco:
    pass
print(Deco.registered, Deco.tag)

class Counter:
    def __init__(self, fn):
        self.fn = fn
        self.calls = 0
    def __call__(self, *args):
        self.calls += 1
        return self.fn(*args)
@Counter
def add(a, b):
    return a + b
add(1, 2); add(3, 4)
print(add.calls, add(5, 6))

def method_deco(fn):
    def wrapper(self, *a):
        return "wrapped " + str(fn(self, *a))
    return wrapper
class UsesDeco:
    @method_deco
    def value(self):
        return 42
print(UsesDeco().value())

# decorator expressions (3.9+)
decos = {"t": trace}
@decos["t"]
def expr_deco():
    return "ok"
print(expr_deco())

# closures
def make_adders():
    return [lambda x, n=n: x + n for n in range(3)]
print([a(10) for a in make_adders()])
def outer():
    count = 0
    def incr():
        nonlocal count
        count += 1
        return count
    return incr
c1, c2 = outer(), outer()
print(c1(), c1(), c2())
print(c1.__closure__[0].cell_contents, outer.__closure__)

# recursion and mutual recursion
def fact(n):
    return 1 if n <= 1 else n * fact(n - 1)
def is_even(n):
    return True if n == 0 else is_odd(n - 1)
def is_odd(n):
    return False if n == 0 else is_even(n - 1)
print(fact(30), is_even(10), is_odd(7))

# function attributes and introspection
def documented(a, b=2):
    "Docstring here."
    return a
documented.custom = "attr"
print(documented.__doc__, documented.custom, documented.__dict__, documented.__qualname__)
class Q:
    def meth(self):
        def inner():
            pass
        return inner
print(Q.meth.__qualname__, Q().meth().__qualname__, repr(Q().meth).startswith("<bound method Q.meth of"))
print((lambda: 0).__name__, sorted.__name__, len.__qualname__)

# keyword argument order and **kwargs
def kw_order(**kw):
    return list(kw.items())
print(kw_order(b=1, a=2, c=3))
def star_args(*args):
    return args
print(star_args(), star_args(1, *[2, 3], *(4,)))

# generators as arguments, sorted with keys
print(sum(x * x for x in range(4)), max([3, 1, 2], key=lambda v: -v), sorted(["bb", "a", "ccc"], key=len, reverse=True))
