# Metaclasses, type() with three arguments, class keywords and __init_subclass__.

def t(label, f):
    try:
        r = f()
        print(label, '->', repr(r))
    except Exception as e:
        print(label, '!!', type(e).__name__, e)

log = []

class Meta(type):
    def __new__(mcs, name, bases, ns, **kw):
        log.append(("new", mcs.__name__, name, tuple(b.__name__ for b in bases), sorted(k for k in ns if not k.startswith("__")), kw))
        cls = super().__new__(mcs, name, bases, ns)
        cls.registered = True
        return cls

    def __init__(cls, name, bases, ns, **kw):
        log.append(("init", name, kw))
        super().__init__(name, bases, ns)

    def __call__(cls, *args, **kwargs):
        log.append(("call", cls.__name__, args, kwargs))
        obj = super().__call__(*args, **kwargs)
        obj.made_by_meta = True
        return obj

    def describe(cls):
        return "class " + cls.__name__

    @property
    def upper_name(cls):
        return cls.__name__.upper()


class Base(metaclass=Meta, flavour="plain"):
    def __init__(self, x=0):
        self.x = x
    def method(self):
        return self.x * 2

class Child(Base):
    y = 1

print(log)
log.clear()
c = Child(5)
print(log, c.x, c.made_by_meta, c.method(), Child.registered)
print(type(Base).__name__, type(Child).__name__, isinstance(Child, Meta), isinstance(Child, type), issubclass(Meta, type))
print(Child.describe(), Child.upper_name, Base.upper_name)
t("instance has no meta method", lambda: c.describe)
print(repr(type(Child)).replace("__main__.", ""), Meta.__mro__ == (Meta, type, object))

# type(name, bases, dict)
def shout(self):
    return self.word.upper()
Dyn = type("Dyn", (object,), {"word": "hi", "shout": shout})
d = Dyn()
print(Dyn.__name__, d.shout(), type(d) is Dyn, Dyn.__bases__ == (object,), Dyn.__module__)
Sub = type("Sub", (Dyn,), {})
print(Sub().shout(), Sub.__mro__ == (Sub, Dyn, object))
print(type(1), type("x"), type(type), type(None).__name__)
t("type 2 args", lambda: type("A", ()))
t("type bad bases", lambda: type("A", 1, {}))
t("type bad dict", lambda: type("A", (), 1))
t("type bad name", lambda: type(1, (), {}))
t("type bad base item", lambda: type("A", (1,), {}))

# metaclass from type.__new__ directly, and a metaclass that only has __init__
class Counting(type):
    count = 0
    def __init__(cls, name, bases, ns):
        Counting.count += 1
        super().__init__(name, bases, ns)

class A1(metaclass=Counting): pass
class A2(A1): pass
class A3(A2): pass
print(Counting.count, type(A3).__name__)

# __prepare__ supplies the class namespace
class OrderedMeta(type):
    @classmethod
    def __prepare__(mcs, name, bases, **kw):
        log.append(("prepare", name, kw))
        return {"injected": 42}
    def __new__(mcs, name, bases, ns, **kw):
        ns["keys_seen"] = [k for k in ns if not k.startswith("__")]
        return super().__new__(mcs, name, bases, ns)
    def __init__(cls, name, bases, ns, **kw):
        super().__init__(name, bases, ns)

log.clear()
class Prepared(metaclass=OrderedMeta, option=3):
    b = 1
    a = 2
print(log, Prepared.injected, Prepared.keys_seen)

# __init_subclass__ with class keywords
class Plugin:
    registry = []
    def __init_subclass__(cls, name=None, **kwargs):
        super().__init_subclass__(**kwargs)
        cls.plugin_name = name or cls.__name__.lower()
        Plugin.registry.append(cls.plugin_name)

class Alpha(Plugin, name="first"): pass
class Beta(Plugin): pass
class Gamma(Beta, name="third"): pass
print(Plugin.registry, Gamma.plugin_name, Beta.plugin_name)

def bad_kw():
    class Bad(Plugin, colour="red"): pass
t("init_subclass unknown kw", bad_kw)
def plain_kw():
    class Plain(flag=1): pass
t("object init_subclass kw", plain_kw)

# metaclass conflict
class M1(type): pass
class M2(type): pass
class X1(metaclass=M1): pass
class X2(metaclass=M2): pass
def conflict():
    class X3(X1, X2): pass
t("metaclass conflict", conflict)
class M3(M1): pass
class X4(X1, metaclass=M3): pass
print(type(X4).__name__)
class X5(X4): pass
print(type(X5).__name__)

# a metaclass __call__ that makes singletons
class Singleton(type):
    _instances = {}
    def __call__(cls, *args, **kwargs):
        if cls not in cls._instances:
            cls._instances[cls] = super().__call__(*args, **kwargs)
        return cls._instances[cls]

class Config(metaclass=Singleton):
    def __init__(self):
        self.values = {}

a, b = Config(), Config()
a.values["k"] = 1
print(a is b, b.values)

# class-level dunders on the metaclass
class Indexed(type):
    def __getitem__(cls, key):
        return f"{cls.__name__}[{key}]"
    def __len__(cls):
        return 7
    def __iter__(cls):
        return iter(["a", "b"])
    def __repr__(cls):
        return f"<Indexed {cls.__name__}>"

class Vec(metaclass=Indexed): pass
print(Vec[int], len(Vec), list(Vec), repr(Vec), str(Vec))

# __getattr__ on the metaclass
class Lazy(type):
    def __getattr__(cls, name):
        return f"lazy:{name}"
class L(metaclass=Lazy):
    real = 1
print(L.real, L.missing)

# __class__ of a class
print(Base.__class__ is Meta, int.__class__ is type, Dyn.__class__ is type)

# class with __init_subclass__ defined via metaclass keywords passed through type.__new__
class KwMeta(type):
    def __new__(mcs, name, bases, ns, **kw):
        return super().__new__(mcs, name, bases, ns, **kw)
class Root(metaclass=KwMeta):
    def __init_subclass__(cls, tag="none"):
        cls.tag = tag
class Leaf(Root, tag="leafy"): pass
print(Leaf.tag)

# abstract-ish pattern: required attributes checked by the metaclass
class Checked(type):
    def __new__(mcs, name, bases, ns):
        if bases and "run" not in ns:
            raise TypeError(f"{name} must define run()")
        return super().__new__(mcs, name, bases, ns)
class Task(metaclass=Checked): pass
class Good(Task):
    def run(self):
        return "ran"
def bad_task():
    class Bad(Task): pass
t("checked", bad_task)
print(Good().run())
