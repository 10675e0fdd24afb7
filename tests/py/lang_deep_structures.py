# Deeply nested data: repr, comparison, hashing and iteration raise RecursionError instead of
# overflowing the stack.
def t(label, f):
    try:
        r = f()
        print(label, '->', type(r).__name__)
    except Exception as e:
        print(label, '!!', type(e).__name__, str(e)[:60])
l = []
for i in range(100000):
    l = [l]
t("repr", lambda: repr(l))
t("str", lambda: str(l))
l2 = []
for i in range(100000):
    l2 = [l2]
t("eq", lambda: l == l2)
t("lt", lambda: l < l2)
tup = ()
for i in range(100000):
    tup = (tup,)
t("tuple eq", lambda: tup == tup[0])
d = {}
for i in range(100000):
    d = {"k": d}
t("dict repr", lambda: repr(d))
t("dict eq", lambda: d == {"k": d["k"]})
s = frozenset()
for i in range(50000):
    s = frozenset([s])
t("frozenset hash", lambda: hash(s))
t("frozenset repr", lambda: repr(s))
t("in", lambda: l in [l2])
t("sorted", lambda: sorted([l, l2]))
t("format", lambda: f"{l}")
t("list(...)", lambda: list(l) == list(l2))
t("copy", lambda: l.copy())
t("eval deep", lambda: eval("[" * 10000 + "]" * 10000))
t("compile deep", lambda: compile("(" * 300 + ")" * 300, "x", "eval"))
it = iter([1, 2])
for i in range(10000):
    it = map(abs, it)
t("nested iterators", lambda: next(it))
print("done")
