# The cycle collector and the gc module: cycles of every container kind are found and freed,
# finalizers run once (PEP 442), resurrection is respected, and the module's API behaves like
# CPython's. Counts that legitimately differ between implementations are printed as booleans.
import gc

finalized = []


class Sentinel:
    """Put into a cycle; its __del__ records that the collector freed the cycle."""

    def __init__(self, name):
        self.name = name

    def __del__(self):
        finalized.append(self.name)


def check(label, make):
    finalized.clear()
    gc.collect()
    make()
    found = gc.collect()
    print(label, found > 0, sorted(finalized))


# ----- every kind of container can carry a cycle -----

def self_list():
    s = Sentinel("list")
    a = [s]
    a.append(a)


def self_dict():
    d = {"s": Sentinel("dict")}
    d["me"] = d


def parent_child():
    class Node:
        def __init__(self, parent=None):
            self.parent = parent
            self.children = []
            self.tag = Sentinel("node") if parent is None else None
            if parent is not None:
                parent.children.append(self)

    root = Node()
    Node(root)
    Node(root)


def closure():
    s = Sentinel("closure")

    def f():
        return f, s

    return None


def set_and_tuple():
    holder = []
    t = (holder, Sentinel("tuple"))
    holder.append(t)
    box = Sentinel("frozenset")
    box.fs = frozenset([box])


def instance_self():
    s = Sentinel("instance")
    s.me = s


def bound_method():
    class C:
        def m(self):
            pass

    c = C()
    c.bound = c.m
    c.tag = Sentinel("method")


def class_cycle():
    class K:
        tag = Sentinel("class")

        def method(self):
            return super().method()

    K.me = K


def exception_cycle():
    try:
        raise ValueError("boom")
    except ValueError as e:
        err = e
    err.keep = [err, Sentinel("exception")]


def exception_context():
    try:
        try:
            raise KeyError("inner")
        except KeyError as inner:
            inner.tag = Sentinel("context")
            raise ValueError("outer")
    except ValueError as outer:
        outer.holder = [outer]


def generator_cycle():
    def gen():
        me = yield 1
        yield me

    g = gen()
    next(g)
    g.send(g)
    holder = [g, Sentinel("generator")]
    g2 = gen()
    next(g2)
    holder.append(g2)
    holder.append(holder)


def iterator_cycle():
    a = [Sentinel("iterator")]
    it = iter(a)
    a.append(it)


def callable_iterator_cycle():
    box = [Sentinel("callable_iterator")]
    it = iter(box.pop, None)
    box.append(it)
    other = []
    it2 = iter(int, other)
    other.append(it2)


def dict_view_cycle():
    d = {"s": Sentinel("view")}
    d["keys"] = d.keys()
    d["items"] = d.items()


def property_cycle():
    class P:
        pass

    def getter(self):
        return prop

    prop = property(getter)
    P.x = prop
    getter.tag = Sentinel("property")


def static_class_methods():
    class S:
        pass

    def f():
        return S

    S.sm = staticmethod(f)
    S.cm = classmethod(f)
    S.tag = Sentinel("staticmethod")


def function_attributes():
    def f():
        pass

    f.me = f
    f.__defaults__ = (f, Sentinel("defaults"))


def long_chain():
    first = [Sentinel("chain")]
    node = first
    for _ in range(1000):
        nxt = [node]
        node = nxt
    first.append(node)


for label, make in [
    ("list", self_list),
    ("dict", self_dict),
    ("parent/child", parent_child),
    ("closure", closure),
    ("tuple/frozenset", set_and_tuple),
    ("instance", instance_self),
    ("bound method", bound_method),
    ("class", class_cycle),
    ("exception", exception_cycle),
    ("exception context", exception_context),
    ("generator", generator_cycle),
    ("iterator", iterator_cycle),
    ("callable iterator", callable_iterator_cycle),
    ("dict view", dict_view_cycle),
    ("property", property_cycle),
    ("staticmethod", static_class_methods),
    ("function attributes", function_attributes),
    ("long chain", long_chain),
]:
    check(label, make)

# ----- nothing reachable is touched -----

alive = []
alive.append(alive)
keep = {"k": Sentinel("kept")}
keep["me"] = keep
finalized.clear()
gc.collect()
print("reachable untouched:", finalized, alive[0] is alive, keep["me"] is keep, keep["k"].name)

# A cycle reachable only from a local of a running frame is still reachable.


def holds_a_cycle():
    local = [Sentinel("local")]
    local.append(local)
    gc.collect()
    return finalized[:], local[0].name


print("local cycle:", holds_a_cycle())
gc.collect()
print("after the frame ended:", finalized)

# ----- finalizers: once only, resurrection -----

saved = []


class Phoenix:
    calls = 0

    def __del__(self):
        Phoenix.calls += 1
        saved.append(self)


p = Phoenix()
p.me = p
del p
gc.collect()
print("resurrected:", len(saved), Phoenix.calls, saved[0].me is saved[0], gc.is_finalized(saved[0]))
saved.clear()
gc.collect()
print("finalizer runs once:", Phoenix.calls)


class Resurrector:
    def __del__(self):
        saved.append(self.friend)


a = Resurrector()
b = [Sentinel("friend")]
a.friend = b
b.append(a)
del a, b
finalized.clear()
gc.collect()
print("friend resurrected:", len(saved), finalized, saved[0][0].name)
saved.clear()


class Failing:
    def __del__(self):
        raise RuntimeError("ignored")


f = Failing()
f.me = f
del f
print("failing finalizer:", gc.collect() > 0)

# A suspended generator in a cycle is closed, so its finally block runs.


def suspended():
    try:
        yield 1
        yield 2
    finally:
        print("generator finally ran")


g = suspended()
next(g)
holder = [g]
holder.append(holder)
del g, holder
print("before collecting the generator")
print(gc.collect() > 0)

# ----- the module's API -----

print(gc.isenabled())
gc.disable()
print(gc.isenabled())
junk = []
junk.append(junk)
del junk
print("collect while disabled:", gc.collect() > 0)
gc.enable()
print(gc.isenabled())

print(gc.get_threshold())
gc.set_threshold(500, 5, 5)
print(gc.get_threshold())
gc.set_threshold(700)
print(gc.get_threshold())
gc.set_threshold(700, 10, 10)

count = gc.get_count()
print(type(count).__name__, len(count), all(isinstance(c, int) for c in count))
stats = gc.get_stats()
print(len(stats), [sorted(s) for s in stats])
print(stats[2]["collections"] > 0, stats[2]["uncollectable"])

print(gc.is_tracked([]), gc.is_tracked({}), gc.is_tracked({"a": []}), gc.is_tracked(1), gc.is_tracked("s"))
print(gc.is_tracked(()), gc.is_tracked((1, [])), gc.is_tracked(Sentinel("t")), gc.is_finalized(Sentinel("f")))

print(gc.get_referents([1, "a", (2,)]))
print(gc.get_referents(1, "x"))
target = ["target"]
box = [target]
print(any(r is box for r in gc.get_referrers(target)))
print(any(o is box for o in gc.get_objects()))
print(gc.garbage, gc.callbacks)
print(gc.DEBUG_STATS, gc.DEBUG_COLLECTABLE, gc.DEBUG_UNCOLLECTABLE, gc.DEBUG_SAVEALL, gc.DEBUG_LEAK)
print(gc.get_debug())

phases = []


def callback(phase, info):
    phases.append((phase, info["generation"], sorted(info)))


gc.callbacks.append(callback)
gc.collect()
gc.callbacks.remove(callback)
print(phases)

gc.set_debug(gc.DEBUG_SAVEALL)
saved_list = ["saved"]
saved_list.append(saved_list)
del saved_list
gc.collect()
print("saveall:", any(isinstance(g, list) and g and g[0] == "saved" for g in gc.garbage))
gc.set_debug(0)
gc.garbage.clear()

gc.freeze()
print(gc.get_freeze_count() > 0)
gc.unfreeze()
print(gc.get_freeze_count())

for call in [
    lambda: gc.collect(3),
    lambda: gc.collect(-1),
    lambda: gc.collect("x"),
    lambda: gc.collect(1, 2),
    lambda: gc.enable(1),
    lambda: gc.get_count(1),
    lambda: gc.set_threshold(),
    lambda: gc.set_threshold(1, 2, 3, 4),
    lambda: gc.is_tracked(),
    lambda: gc.get_objects(5),
    lambda: gc.set_debug(),
    lambda: gc.is_finalized(1, 2),
]:
    try:
        call()
        print("no error")
    except (TypeError, ValueError) as e:
        print(type(e).__name__, e)

print(gc.collect(0) >= 0, gc.collect(1) >= 0, gc.collect(generation=2) >= 0)
