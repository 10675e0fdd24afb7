# Type names of built-in iterators, constant set displays, index conversion, hashing of
# tuples and frozensets, __getattribute__.

def t(label, f):
    try:
        r = f()
        print(label, '->', repr(r))
    except Exception as e:
        print(label, '!!', type(e).__name__, e)

d = {1: 2}
for it in [iter([]), iter(()), iter("abc"), iter("é"), iter(range(3)), iter({1}), iter(frozenset()), iter(d),
           iter(d.values()), iter(d.items()), reversed([1]), reversed(d), iter(b"x"), enumerate([]),
           zip(), map(abs, []), filter(None, []), reversed("ab")]:
    print(type(it).__name__, end=" ")
print()
it = iter([1])
next(it)
t("exhausted", lambda: next(it))
print(type(it).__name__, type(iter([])) is type(iter([1, 2])), type(iter([])) is type(iter(())))

# constant set displays, `in` and `for` over them
print({3, 1, 2}, {"b", "a"} == {"a", "b"}, 2 in {1, 2, 3}, 5 not in {1, 2, 3}, "x" in {"x", "y"})
for v in {30, 10, 20}:
    print(v, end=" ")
print()
print(sorted({(1, 2), (3, 4), (1, 2)}), len({1, 1.0, True}), {1, 2, 3} | {4})
print([v for v in {5, 4, 6}], {x * 2 for x in {1, 2, 3}})
t("unhashable in set", lambda: [1] in {1, 2, 3})
t("set key lookup", lambda: ({1, 2} in {frozenset({1, 2})}, {3} in {frozenset({1})}))
t("set key in dict", lambda: {1} in {frozenset({1}): 1})

# index conversion
t("big list index", lambda: [1, 2][2 ** 100])
t("big str index", lambda: "ab"[2 ** 70])
t("big repeat", lambda: "a" * 2 ** 100)
t("big list repeat", lambda: [0] * 2 ** 64)
one_float, zero_str = 1.0, "0"
t("float index", lambda: [1][one_float])
t("str index", lambda: (1,)[zero_str])
class Idx:
    def __init__(self, n):
        self.n = n
    def __index__(self):
        return self.n
print([10, 20, 30][Idx(1)], "abc"[Idx(-1)], [1, 2, 3, 4][Idx(1):Idx(3)], range(10)[Idx(2)], bin(Idx(5)), hex(Idx(255)))
class BadIdx:
    def __index__(self):
        return "nope"
t("bad __index__", lambda: [1][BadIdx()])
t("range of __index__", lambda: list(range(Idx(3))))
t("range of float", lambda: range(1.5))

# hashing
print(hash((1, 2)) == hash((1, 2)), hash((1, (2, 3))) == hash((1, (2, 3))), hash(()) == hash(()))
print(hash(frozenset({1, 2})) == hash(frozenset({2, 1})), hash(frozenset()) == hash(frozenset([])))
t("hash tuple with list", lambda: hash((1, [2])))
t("hash set", lambda: hash({1}))
t("hash dict in tuple", lambda: hash(({},)))
print({(1, 2): "a", frozenset({3}): "b"}[(1, 2)], {(1, 2): "a", frozenset({3}): "b"}[frozenset({3})])
class H:
    def __init__(self, v):
        self.v = v
    def __eq__(self, other):
        return isinstance(other, H) and self.v == other.v
    def __hash__(self):
        return hash(self.v)
print(hash((H(1), 2)) == hash((H(1), 2)), {(H(1), 2): "ok"}[(H(1), 2)])
class Unhash:
    def __eq__(self, other):
        return True
t("eq without hash", lambda: hash(Unhash()))
t("eq without hash in tuple", lambda: hash((1, Unhash())))
print(Unhash.__hash__)

# __getattribute__
class Logged:
    def __init__(self):
        self.value = 5
    def __getattribute__(self, name):
        if name == "secret":
            return "intercepted"
        return object.__getattribute__(self, name)
    def method(self):
        return "m" + str(self.value)
lg = Logged()
print(lg.value, lg.secret, lg.method(), getattr(lg, "secret"), hasattr(lg, "nothing"))
t("missing via __getattribute__", lambda: lg.nothing)

class WithFallback:
    def __getattribute__(self, name):
        if name.startswith("x"):
            raise AttributeError(name)
        return object.__getattribute__(self, name)
    def __getattr__(self, name):
        return "fallback:" + name
    def real(self):
        return "real"
wf = WithFallback()
print(wf.xyz, wf.real())
t("object.__getattribute__ bad name", lambda: object.__getattribute__(wf, 1))

class Proxy:
    def __init__(self, target):
        object.__setattr__(self, "_target", target)
    def __getattribute__(self, name):
        target = object.__getattribute__(self, "_target")
        return getattr(target, name)
p = Proxy([3, 1, 2])
print(p.count(1), p.index(2), len(object.__getattribute__(p, "_target")))
