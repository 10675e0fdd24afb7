# Objects and classes: __slots__, descriptors with __delete__, __class__ cell, super() forms,
# __subclasses__, operator fallbacks, subclasses of int/float, introspection.

def t(label, f):
    try:
        r = f()
        print(label, '->', repr(r))
    except Exception as e:
        print(label, '!!', type(e).__name__, e)

class Slotted:
    __slots__ = ("a", "b")
    def __init__(self):
        self.a = 1
s = Slotted()
t("slots set", lambda: setattr(s, "c", 1))
t("slots get unset", lambda: s.b)
t("slots dict", lambda: s.__dict__)
print(Slotted.__slots__)

class D:
    def __get__(self, obj, cls):
        return "got"
    def __set__(self, obj, v):
        print("set", v)
    def __delete__(self, obj):
        print("delete")
class H:
    d = D()
h = H()
h.d = 5
print(h.d)
del h.d
print(H.__dict__["d"].__class__.__name__)

class A:
    def who(self):
        return __class__.__name__
class B(A):
    def who(self):
        return "B>" + super().who() + ">" + __class__.__name__
print(B().who())
class CM:
    @classmethod
    def m(cls):
        return [super().__init_subclass__ is not None]
print(CM.m())
class Lam:
    def m(self):
        f = lambda: super(Lam, self).__repr__()
        return f()[:5]
print(Lam().m())
class Nested:
    def m(self):
        def inner():
            return super().__repr__()
        return inner()
t("super in nested fn", lambda: Nested().m())
print(int.__subclasses__ is not None, [c.__name__ for c in A.__subclasses__()])

class IAddFallback:
    def __init__(self, v): self.v = v
    def __iadd__(self, o): return NotImplemented
    def __add__(self, o): return IAddFallback(self.v + o)
x = IAddFallback(1)
x += 5
print(x.v)

class ContainsIter:
    def __iter__(self): return iter([1, 2, 3])
print(2 in ContainsIter(), 5 in ContainsIter())

class BothNI:
    def __eq__(self, o): return NotImplemented
b1 = BothNI()
print(b1 == b1, b1 == BothNI(), b1 != BothNI())

class MyInt(int):
    pass
print(type(MyInt(3) + 1).__name__, type(-MyInt(3)).__name__, MyInt(3) == 3, repr(MyInt(5)), str(MyInt(5)), f"{MyInt(5):03d}")
class MyFloat(float):
    def __repr__(self): return "MF"
print(MyFloat(1.5), [MyFloat(1.5)], MyFloat(1.5) * 2)
class R:
    def __rsub__(self, o): return "rsub"
    def __rfloordiv__(self, o): return "rfloordiv"
    def __rlshift__(self, o): return "rlshift"
    def __rpow__(self, o): return "rpow"
    def __rmod__(self, o): return "rmod"
print(1 - R(), 1 // R(), 1 << R(), 2 ** R(), "%s" % R() if False else 5 % R())
class Sub(int):
    def __radd__(self, o): return "sub radd first"
print(1 + Sub(2))

print(type.__name__, type(type).__name__, object.__name__, type(object), isinstance(type, object), isinstance(object, type))
print(isinstance(1, (list, (tuple, int))), issubclass(bool, (str, int)))
t("object new args", lambda: object.__new__(A, 1))
t("init extra args", lambda: A(1))
class WithInit:
    def __init__(self, a): pass
t("init missing", lambda: WithInit())
t("init extra", lambda: WithInit(1, 2))
print(A.__doc__, A.__module__, A.__qualname__, sorted(k for k in A.__dict__ if not k.startswith("__")))
print(A.__bases__, A.__base__, object.__bases__, bool.__mro__)
print(callable(A.who), A.who.__name__, type(A.who).__name__, type(A().who).__name__, A().who.__self__.__class__.__name__)
print(A().who.__func__ is A.who, A.who.__qualname__)
print(hasattr(A, "__dict__"), "who" in dir(A()))
print(type(len).__name__, type([].append).__name__, repr(len), repr(print))
print(repr(A)[:20], repr(A.who)[:21], str(type(None)))
print(bool.__name__, type(NotImplemented).__name__, type(...).__name__, ... is Ellipsis, NotImplemented)
print(int.__doc__ is not None or True, str.__name__, list.__qualname__)

# assigning __dict__
class A:
    def __init__(self, **kw):
        self.__dict__ = kw
a = A(x=1, y=2)
print(a.x, a.y, vars(a))
try:
    a.__dict__ = 5
except TypeError as e:
    print(e)
class B:
    pass
b = B()
b.__dict__.update(z=3)
print(b.z)

# bound methods compare equal when they bind the same function to the same object
class A:
    def m(self): pass
a, b = A(), A()
print(a.m == a.m, a.m == b.m, a.m != a.m, hash(a.m) == hash(a.m), [].append == [].append)
l = []
print(l.append == l.append, len == len, print == len)
cbs = [a.m, b.m]
cbs.remove(a.m)
print(len(cbs), cbs[0] == b.m, a.m in cbs, b.m in cbs, {a.m: 1}[a.m])

# dir() of objects and classes lists what CPython's type dicts hold
print(dir(object()))
class A: pass
print(dir(A()))
print(dir(A))
