# Classes: properties, static/class methods, super() and MRO, class attributes, __slots__-free
# instances, __repr__/__str__, class-level behaviour.

def t(label, f):
    try:
        r = f()
        print(label, '->', repr(r))
    except Exception as e:
        print(label, '!!', type(e).__name__, e)

class Temperature:
    def __init__(self, celsius=0.0):
        self._c = celsius
    @property
    def celsius(self):
        "Temperature in Celsius."
        return self._c
    @celsius.setter
    def celsius(self, value):
        if value < -273.15:
            raise ValueError("below absolute zero")
        self._c = value
    @celsius.deleter
    def celsius(self):
        print("deleting")
        del self._c
    @property
    def fahrenheit(self):
        return self._c * 9 / 5 + 32

tc = Temperature(25)
print(tc.celsius, tc.fahrenheit)
tc.celsius = 30
print(tc.celsius, Temperature.celsius.__doc__, type(Temperature.celsius).__name__)
t("setter validation", lambda: setattr(tc, "celsius", -300))
t("read-only", lambda: setattr(tc, "fahrenheit", 1))
def del_ro():
    del tc.fahrenheit
t("no deleter", del_ro)
del tc.celsius
t("after delete", lambda: tc.celsius)
print(isinstance(Temperature.fahrenheit, property), Temperature.fahrenheit.fset)

class Legacy:
    def get_x(self):
        return self._x
    def set_x(self, v):
        self._x = v * 2
    x = property(get_x, set_x, None, "the x")
lg = Legacy()
lg.x = 4
print(lg.x, Legacy.x.__doc__)

class Methods:
    count = 0
    def __init__(self):
        Methods.count += 1
    @staticmethod
    def helper(a, b):
        return a + b
    @classmethod
    def create(cls):
        return cls()
    @classmethod
    def how_many(cls):
        return cls.count
class SubMethods(Methods):
    pass
print(Methods.helper(1, 2), Methods().helper(3, 4), type(SubMethods.create()).__name__, SubMethods.how_many())
print(type(Methods.__dict__["helper"]).__name__, type(Methods.__dict__["create"]).__name__, Methods.__dict__["helper"].__func__(5, 6))

# super() and cooperative multiple inheritance
class Base:
    def __init__(self):
        print("Base init")
        self.trail = ["Base"]
    def who(self):
        return "Base"
class Left(Base):
    def __init__(self):
        print("Left init")
        super().__init__()
        self.trail.append("Left")
    def who(self):
        return "Left>" + super().who()
class Right(Base):
    def __init__(self):
        print("Right init")
        super().__init__()
        self.trail.append("Right")
    def who(self):
        return "Right>" + super().who()
class Diamond(Left, Right):
    def __init__(self):
        print("Diamond init")
        super().__init__()
        self.trail.append("Diamond")
    def who(self):
        return "Diamond>" + super().who()
dm = Diamond()
print(dm.trail, dm.who())
print([c.__name__ for c in Diamond.__mro__], [c.__name__ for c in Diamond.mro()])
print(super(Left, dm).who(), super(Diamond, dm).who())
class X: pass
class Y: pass
class A(X, Y): pass
class B(Y, X): pass
t("bad mro", lambda: type("C", (A, B), {}))
t("duplicate base", lambda: type("D", (X, X), {}))

class WithClassSuper:
    @classmethod
    def make(cls):
        return "base make " + cls.__name__
class ChildSuper(WithClassSuper):
    @classmethod
    def make(cls):
        return "child+" + super().make()
print(ChildSuper.make())

# class attributes vs instance attributes
class Shared:
    items = []
    n = 0
    def add(self, x):
        self.items.append(x)
        self.n += 1
s1, s2 = Shared(), Shared()
s1.add(1); s2.add(2)
print(Shared.items, s1.n, s2.n, Shared.n, s1.__dict__, sorted(k for k in Shared.__dict__ if not k.startswith("__")))

# __repr__ / __str__ fallbacks
class OnlyRepr:
    def __repr__(self):
        return "OnlyRepr()"
class OnlyStr:
    def __str__(self):
        return "only str"
print(str(OnlyRepr()), repr(OnlyRepr()), [OnlyRepr()], f"{OnlyRepr()}", str(OnlyStr()), f"{OnlyStr()!s}")
print(repr(OnlyStr()).startswith("<__main__.OnlyStr object at 0x"))
class BadRepr:
    def __repr__(self):
        return 5
t("bad repr", lambda: repr(BadRepr()))

# class body namespace, nested classes, qualname
class Outer:
    class Inner:
        class Deep:
            pass
    value = [i * 2 for i in range(3)]
print(Outer.Inner.Deep.__qualname__, Outer.Inner.__name__, Outer.value, Outer.__module__)
print(repr(Outer.Inner).replace("__main__.", ""))

# instance __dict__ and __class__
o = Outer()
o.a = 1
print(o.__dict__, o.__class__.__name__, vars(o))
o.__class__ = Outer.Inner
print(type(o).__name__)

# calling instances, class as callable, instance checks
class Adder:
    def __init__(self, n):
        self.n = n
    def __call__(self, x):
        return x + self.n
print(Adder(3)(4), callable(Adder), callable(Adder(1)), callable(o))
t("init returns value", lambda: type("R", (), {"__init__": lambda self: 5})())
t("object() args", lambda: object(1))
t("class no init args", lambda: X(1))
class NewOnly:
    def __new__(cls, *args):
        inst = super().__new__(cls)
        inst.args = args
        return inst
print(NewOnly(1, 2).args)
class NewReturnsOther:
    def __new__(cls):
        return 42
    def __init__(self):
        print("never")
print(NewReturnsOther())

# inheritance from builtins
class MyList(list):
    def total(self):
        return sum(self)
ml = MyList([1, 2, 3])
ml.append(4)
print(ml, ml.total(), len(ml), isinstance(ml, list), type(ml[1:]).__name__, ml + [5])
class MyDict(dict):
    def __missing__(self, key):
        return key * 2
md = MyDict(a=1)
print(md["a"], md["zz"], md.get("zz"), "zz" in md)
class MyStr(str):
    def shout(self):
        return self.upper() + "!"
msx = MyStr("hi")
print(msx.shout(), msx + " there", len(msx), msx == "hi", type(msx.upper()).__name__)
class MyInt(int):
    def double(self):
        return self * 2
mi = MyInt(21)
print(mi.double(), mi + 1, type(mi + 1).__name__, isinstance(mi, int), hash(mi) == hash(21))

# __init_subclass__ and __set_name__
class Field:
    def __set_name__(self, owner, name):
        self.name = name
    def __get__(self, obj, objtype=None):
        if obj is None:
            return self
        return obj.__dict__.get(self.name, "unset")
    def __set__(self, obj, value):
        obj.__dict__[self.name] = value.upper()
class Model:
    title = Field()
mm = Model()
print(mm.title, Model.title.name)
mm.title = "hello"
print(mm.title)

# class decorators and dataclass-like init generation
def auto_repr(cls):
    def __repr__(self):
        fields = ", ".join(f"{k}={v!r}" for k, v in self.__dict__.items())
        return f"{cls.__name__}({fields})"
    cls.__repr__ = __repr__
    return cls
@auto_repr
class Point:
    def __init__(self, x, y):
        self.x, self.y = x, y
print(Point(1, "b"))

# attribute errors
class Empty:
    pass
t("missing attr", lambda: Empty().nope)
t("missing class attr", lambda: Empty.nope)
t("int attr", lambda: (5).nope)
t("module attr", lambda: __builtins__.nope if hasattr(__builtins__, "__dict__") else type(t).nope)
t("set attr on int", lambda: setattr(5, "x", 1))
t("set attr on builtin type", lambda: setattr(int, "x", 1))
t("set attr on object()", lambda: setattr(object(), "x", 1))
