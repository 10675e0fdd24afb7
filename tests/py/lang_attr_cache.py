# Attribute lookups along the MRO are cached (interpreter/src/vm/mro_cache.rs); every way a class
# dict can change must show at once.


class Base:
    kind = "base"

    def who(self):
        return "Base.who"


class Mid(Base):
    pass


class Leaf(Mid):
    pass


obj = Leaf()
for _ in range(3):
    print(obj.who(), obj.kind, Leaf.kind)

# A subclass gains an override after lookups went through the base.
Mid.who = lambda self: "Mid.who"
print(obj.who())
Leaf.kind = "leaf"
print(obj.kind, Mid.kind)
del Mid.who
print(obj.who())
del Leaf.kind
print(obj.kind)

# Rebinding an existing class attribute (value change only).
for i in range(3):
    Base.kind = "base%d" % i
    print(obj.kind, Leaf.kind)

# setattr / delattr by name, and a name missing everywhere.
setattr(Base, "extra", 42)
print(obj.extra)
delattr(Base, "extra")
try:
    obj.extra
except AttributeError as e:
    print("AttributeError:", e)
try:
    Leaf.nothing
except AttributeError as e:
    print("AttributeError:", e)
Base.nothing = "now"
print(Leaf.nothing, obj.nothing)


# A data descriptor appearing on the class must win over the instance dict.
class Holder:
    pass


h = Holder()
h.value = "instance"
print(h.value)
Holder.value = property(lambda self: "property")
print(h.value)
del Holder.value
print(h.value)


# Classes made and dropped in a loop: a new class at a reused address must not see the old one's
# entries.
def make(n):
    class Temp:
        def get(self):
            return n

        if n % 2:
            label = "odd"
    return Temp


for n in range(6):
    t = make(n)()
    print(n, t.get(), getattr(t, "label", "none"))


# Special methods looked up through the cache.
class Num:
    def __init__(self, v):
        self.v = v

    def __add__(self, other):
        return Num(self.v + other.v)


a = Num(1) + Num(2)
print(a.v)
Num.__add__ = lambda self, other: Num(self.v * 10 + other.v)
print((Num(1) + Num(2)).v)


# Many classes with the same attribute names (cache slots collide and are replaced).
classes = [type("C%d" % i, (), {"x": i, "f": lambda self, i=i: i * 2}) for i in range(700)]
total = 0
for rep in range(2):
    for c in classes:
        inst = c()
        total += inst.x + inst.f()
print(total)
classes[5].x = 1000
print(classes[5]().x, classes[6]().x)


# __init__ and __new__ found through the cache when classes change them.
class Made:
    def __init__(self):
        self.tag = "first"


print(Made().tag)


def second_init(self):
    self.tag = "second"


Made.__init__ = second_init
print(Made().tag)
del Made.__init__
print(hasattr(Made(), "tag"))
