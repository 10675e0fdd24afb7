# The dunder protocol: attribute hooks, containers, iteration, comparisons, hashing, numbers,
# formatting, context managers.

def t(label, f):
    try:
        r = f()
        print(label, '->', repr(r))
    except Exception as e:
        print(label, '!!', type(e).__name__, e)

class Dyn:
    def __init__(self):
        self.real = 1
    def __getattr__(self, name):
        if name.startswith("auto_"):
            return name[5:]
        raise AttributeError(f"{type(self).__name__!r} has no {name!r}")
dy = Dyn()
print(dy.real, dy.auto_x, getattr(dy, "auto_y"), hasattr(dy, "zzz"))
t("getattr raises", lambda: dy.zzz)

class Guarded:
    def __setattr__(self, name, value):
        if name.startswith("_"):
            raise AttributeError(f"cannot set private {name}")
        super().__setattr__(name, value.upper() if isinstance(value, str) else value)
    def __delattr__(self, name):
        print("deleting", name)
        super().__delattr__(name)
gd = Guarded()
gd.name = "bob"
print(gd.name, gd.__dict__)
t("private", lambda: setattr(gd, "_x", 1))
del gd.name
t("deleted", lambda: gd.name)
def del_missing():
    del gd.missing
t("del missing", del_missing)

class Bag:
    def __init__(self, *items):
        self.items = list(items)
    def __len__(self):
        return len(self.items)
    def __contains__(self, x):
        print("contains", x)
        return x in self.items
    def __getitem__(self, i):
        return self.items[i]
    def __setitem__(self, i, v):
        self.items[i] = v
    def __delitem__(self, i):
        del self.items[i]
    def __iter__(self):
        return iter(self.items)
    def __reversed__(self):
        return iter(self.items[::-1])
bg = Bag(1, 2, 3)
print(len(bg), 2 in bg, 5 not in bg, bg[0], bg[-1], bg[0:2], list(bg), list(reversed(bg)), bool(bg), bool(Bag()))
bg[0] = 10
del bg[1]
print(bg.items)

class SeqOnly:
    def __getitem__(self, i):
        if i >= 3:
            raise IndexError
        return i * 10
print(list(SeqOnly()), 20 in SeqOnly(), 25 in SeqOnly(), list(enumerate(SeqOnly())), sorted(SeqOnly(), reverse=True))
a0, a1, a2 = SeqOnly()
print(a0, a1, a2)

class BoolLen:
    def __init__(self, n):
        self.n = n
    def __len__(self):
        return self.n
class BoolBool:
    def __bool__(self):
        return False
    def __len__(self):
        return 5
print(bool(BoolLen(0)), bool(BoolLen(2)), bool(BoolBool()), "yes" if BoolLen(1) else "no", not BoolBool())
class BadBool:
    def __bool__(self):
        return 1
class BadLen:
    def __len__(self):
        return -1
class BigLen:
    def __len__(self):
        return 2 ** 100
class FloatLen:
    def __len__(self):
        return 1.5
t("bad bool", lambda: bool(BadBool()))
t("negative len", lambda: len(BadLen()))
t("big len", lambda: len(BigLen()))
t("float len", lambda: len(FloatLen()))
t("no len", lambda: len(Dyn()))

class Countdown:
    def __init__(self, n):
        self.n = n
    def __iter__(self):
        return self
    def __next__(self):
        if self.n <= 0:
            raise StopIteration
        self.n -= 1
        return self.n
print(list(Countdown(3)), max(Countdown(4)), sum(Countdown(5)), [x for x in Countdown(2)])
class BadIter:
    def __iter__(self):
        return 5
t("iter returns non-iterator", lambda: iter(BadIter()))
t("not iterable", lambda: iter(Dyn()))
t("next on non-iterator", lambda: next([1]))

# comparisons and reflection
class Money:
    def __init__(self, cents):
        self.cents = cents
    def __eq__(self, other):
        if not isinstance(other, Money):
            return NotImplemented
        return self.cents == other.cents
    def __lt__(self, other):
        if not isinstance(other, Money):
            return NotImplemented
        return self.cents < other.cents
    def __le__(self, other):
        return self == other or self < other
    def __repr__(self):
        return f"Money({self.cents})"
m1, m2 = Money(5), Money(9)
print(m1 == Money(5), m1 != m2, m1 < m2, m2 > m1, m1 <= m1, m2 >= m1, m1 == 5, sorted([m2, m1]), max(m1, m2))
t("lt with int", lambda: m1 < 5)
t("unhashable with eq", lambda: hash(m1))
t("in set", lambda: {m1})
print(m1 in [Money(1), Money(5)], [Money(1)].index(Money(1)), [m1, m2].count(Money(9)))

class Reflect:
    def __gt__(self, other):
        return "reflected gt"
    def __eq__(self, other):
        return "reflected eq"
print(5 < Reflect(), 5 == Reflect(), Reflect() == 5)
class Sub(Money):
    def __eq__(self, other):
        return "sub eq first"
print(Money(1) == Sub(1))
t("mixed types", lambda: [] < {})
t("none compare", lambda: None < 1)
t("str int compare", lambda: "a" > 1)

# hashing
class Key:
    def __init__(self, k):
        self.k = k
    def __eq__(self, other):
        return isinstance(other, Key) and self.k == other.k
    def __hash__(self):
        return hash(self.k)
print({Key(1): "a"}[Key(1)], len({Key(1), Key(1), Key(2)}), Key(3) in {Key(3)})
class NoHash:
    __hash__ = None
t("hash None", lambda: hash(NoHash()))
class HashInherit(Key):
    pass
print(hash(HashInherit(4)) == hash(4))
class EqOnlySub(Key):
    def __eq__(self, other):
        return True
t("eq-only subclass unhashable", lambda: hash(EqOnlySub(1)))
class BadHash:
    def __hash__(self):
        return "x"
t("bad hash", lambda: hash(BadHash()))

# arithmetic
class Vec:
    def __init__(self, x, y):
        self.x, self.y = x, y
    def __add__(self, o):
        if isinstance(o, Vec):
            return Vec(self.x + o.x, self.y + o.y)
        return NotImplemented
    def __radd__(self, o):
        if o == 0:
            return self
        return NotImplemented
    def __mul__(self, k):
        return Vec(self.x * k, self.y * k)
    __rmul__ = __mul__
    def __neg__(self):
        return Vec(-self.x, -self.y)
    def __abs__(self):
        return (self.x ** 2 + self.y ** 2) ** 0.5
    def __iadd__(self, o):
        self.x += o.x
        self.y += o.y
        return self
    def __matmul__(self, o):
        return self.x * o.x + self.y * o.y
    def __repr__(self):
        return f"Vec({self.x}, {self.y})"
v1 = Vec(1, 2)
print(v1 + Vec(3, 4), 3 * v1, v1 * 2, -v1, abs(Vec(3, 4)), sum([Vec(1, 1), Vec(2, 2)]), v1 @ Vec(2, 3))
v2 = v1
v1 += Vec(1, 1)
print(v1, v2 is v1)
t("add int", lambda: v1 + 1)
t("radd str", lambda: "s" + v1)
t("sub", lambda: v1 - v1)
t("pow", lambda: v1 ** 2)
t("invert", lambda: ~v1)
t("int + str", lambda: 1 + "a")
t("str + int", lambda: "a" + 1)
t("list + tuple", lambda: [1] + (2,))
t("str * float", lambda: "a" * 1.5)
t("unary minus str", lambda: -"a")
t("iadd type", lambda: exec("x = 1\nx += 'a'"))
t("none + none", lambda: None + None)
t("dict | list", lambda: {} | [])
t("div by zero", lambda: 1 / 0)
t("mod by zero", lambda: 5 % 0)
t("floordiv by zero float", lambda: 5.0 // 0)
t("divmod zero", lambda: divmod(1, 0))

class Num:
    def __init__(self, v):
        self.v = v
    def __index__(self):
        return self.v
    def __int__(self):
        return self.v + 100
    def __float__(self):
        return 0.5
    def __complex__(self):
        return complex(1, self.v)
    def __round__(self, n=None):
        return "rounded"
    def __trunc__(self):
        return 7
print([10, 20, 30][Num(2)], int(Num(1)), float(Num(1)), complex(Num(3)), round(Num(1)), bin(Num(5)), "ab" * Num(2), range(Num(3)))

class Fmt:
    def __format__(self, spec):
        return f"<{spec or 'empty'}>"
print(format(Fmt(), "x>5"), f"{Fmt():abc}", f"{Fmt()}", "{:q}".format(Fmt()), "{0!r:>3}".format(1))
t("object format spec", lambda: format(object(), "x"))

class Ctx:
    def __init__(self, suppress):
        self.suppress = suppress
    def __enter__(self):
        return self
    def __exit__(self, exc_type, exc, tb):
        print("exit sees", exc_type.__name__ if exc_type else None, type(exc).__name__)
        return self.suppress
with Ctx(True):
    1 / 0
print("suppressed")
t("not suppressed", lambda: exec("with C(False):\n    1/0", {"C": Ctx}))
class ExitRaises:
    def __enter__(self):
        return self
    def __exit__(self, *a):
        raise RuntimeError("from exit")
t("exit raises", lambda: exec("with E():\n    1/0", {"E": ExitRaises}))

class CallMe:
    def __call__(self, *args, **kw):
        return args, kw
print(CallMe()(1, k=2))

# __class_getitem__ and __missing__
class Gen:
    def __class_getitem__(cls, item):
        return f"{cls.__name__}[{item.__name__}]"
print(Gen[int])
t("not subscriptable", lambda: Dyn()[0])
t("int not subscriptable", lambda: (5)[0])
t("no item assignment", lambda: exec("(1,)[0] = 2"))
t("no item deletion", lambda: exec("del 'abc'[0]"))

# __del__ is not required; __init__ returning None check
class Weird:
    def __init__(self):
        return None
print(type(Weird()).__name__)

# __eq__ default identity, __ne__ derived from __eq__
class Plain:
    pass
p1 = Plain()
print(p1 == p1, p1 == Plain(), p1 != Plain(), Money(1) != Money(1))
