# Descriptors: property subclasses, staticmethod/classmethod objects, non-data descriptors caching in __dict__, __set_name__, __getattr__ after a getter's AttributeError.
def t(label, f):
    try:
        r = f()
        print(label, '->', repr(r))
    except Exception as e:
        print(label, '!!', type(e).__name__, e)

class myprop(property):
    pass
class A:
    def __init__(self): self._v = 1
    @myprop
    def v(self): return self._v
    @v.setter
    def v(self, x): self._v = x * 10
a = A()
print(a.v, type(A.__dict__["v"]).__name__)
a.v = 2
print(a.v)
t("no deleter", lambda: delattr(a, "v"))
sm = staticmethod(lambda x: x + 1)
print(sm(1), callable(sm))
cm = classmethod(lambda cls: cls)
print(type(cm).__name__, cm.__func__(5))
class Lazy:
    def __init__(self, fn):
        self.fn = fn
        self.name = fn.__name__
    def __get__(self, obj, cls):
        if obj is None:
            return self
        val = self.fn(obj)
        obj.__dict__[self.name] = val
        return val
class B:
    calls = 0
    @Lazy
    def expensive(self):
        B.calls += 1
        return 42
b = B()
print(b.expensive, b.expensive, B.calls, type(B.expensive).__name__)
class Typed:
    def __set_name__(self, owner, name):
        self.private = "_" + name
    def __get__(self, obj, cls=None):
        return getattr(obj, self.private, None) if obj is not None else self
    def __set__(self, obj, value):
        if not isinstance(value, int):
            raise TypeError(f"{self.private[1:]} must be int")
        setattr(obj, self.private, value)
class C:
    n = Typed()
c = C()
c.n = 5
print(c.n, c.__dict__)
t("typed", lambda: setattr(c, "n", "x"))
print(property.__doc__ is not None or True, A.v.fget.__name__, A.v.__doc__)
class D:
    @property
    def p(self):
        "doc of p"
        return 1
print(D.p.__doc__, D.p.__get__(D()), D.p.__get__(None, D) is D.p)
print(isinstance(A.v, property), isinstance(D.p, property))
# __getattr__ vs property raising AttributeError
class E:
    @property
    def broken(self):
        raise AttributeError("inner missing")
    def __getattr__(self, name):
        return f"fallback {name}"
print(E().broken)
# classmethod property-like access on class
class F:
    count = 0
    @classmethod
    def inc(cls):
        cls.count += 1
        return cls.count
print(F.inc(), F().inc(), F.count)
