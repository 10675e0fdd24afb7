# Fused instructions (local.attr, local[const], local[local], aug-assignments on them, compare
# and jump) must behave exactly like the unfused sequences: results, call order, errors.
# Their traceback carets are checked by tests/cli/tracebacks/case_fused_*.py.
class Logged:
    def __init__(self):
        self.__dict__["log"] = []
        self.__dict__["n"] = 0

    def __getattr__(self, name):
        self.log.append("getattr " + name)
        return 1

    def __setattr__(self, name, value):
        self.log.append("setattr %s=%r" % (name, value))
        self.__dict__[name] = value

    def __getitem__(self, key):
        self.log.append("getitem %r" % (key,))
        return 10

    def __setitem__(self, key, value):
        self.log.append("setitem %r=%r" % (key, value))


def attrs():
    o = Logged()
    o.n += 5
    o.x += 2
    o.y = o.z
    o[0] += 3
    o["k"] = o[1]
    k = (1, 2)
    print(o[k])
    return o.log


print(attrs())


def lists(v, i):
    v[0] += 1
    v[1] -= v[0] * 2
    v[2] = v[i] + v[-1]
    return v, v[i], v[0:2]


print(lists([1, 2, 3, 4], 3))


def dicts(d, k):
    d["a"] += 1
    d[k] = d["a"]
    return d[k], d


print(dicts({"a": 1}, "b"))


def walrus(a):
    a[0] += (a := [10, 20])[0]
    return a


print(walrus([1, 2]))


def show(fn, *args):
    try:
        fn(*args)
    except Exception as e:
        print(type(e).__name__, e)


def unbound_attr():
    y = x.a + 1
    x = 3


def unbound_store():
    x.a = 1
    x = 3


def unbound_subscr():
    y = d[0]
    d = 3


def unbound_both():
    y = d[k]
    d = k = 3


def unbound_key():
    d = {}
    y = d[k]
    k = 3


def unbound_aug():
    v[0] += 1
    v = 3


def missing_attr():
    s = "text"
    return s.nope


def missing_key():
    d = {"a": 1}
    return d["b"]


def bad_index(v, i):
    return v[i]


for f in (unbound_attr, unbound_store, unbound_subscr, unbound_both, unbound_key, unbound_aug,
          missing_attr, missing_key):
    show(f)
show(bad_index, [1], 5)
show(bad_index, [1], "x")


class Weird:
    def __init__(self, v):
        self.v = v

    def __lt__(self, other):
        print("lt", self.v, other)
        return [] if self.v else [1]

    def __eq__(self, other):
        raise ValueError("no eq")


def compares(a, b):
    out = []
    if a < b:
        out.append("lt")
    if not a < b:
        out.append("not lt")
    if a < b or a > b:
        out.append("ne-ish")
    if a == b and a >= b:
        out.append("eq ge")
    i = 0
    while i < 3:
        i += 1
    out.append(i)
    return out


print(compares(1, 2), compares(2.5, 2.5), compares(1, 1.5), compares("a", "b"))
nan = float("nan")
print(compares(nan, nan))
w = Weird(0)
print(compares.__name__, "weird")
if w < 5:
    print("weird true")


def weird_in_function(w):
    if w < 5:
        return "true"
    return "false"


print(weird_in_function(Weird(0)), weird_in_function(Weird(1)))
show(lambda: weird_in_function(Weird(0)) if Weird(0) == 1 else None)


def type_error(a, b):
    if a < b:
        return 1


show(type_error, 1, "x")
