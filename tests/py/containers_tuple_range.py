# tuple and range: methods, indexing, hashing, comparisons, repr, errors.

def t(label, f):
    try:
        print(label, repr(f()))
    except Exception as e:
        print(label, type(e).__name__, e)

tp = (1, 2, 3, 2, 1)
print(tp, len(tp), tp[0], tp[-1], tp[1:3], tp[::-1], tp[::2], tp[10:], tp.count(2), tp.index(2), tp.index(1, 1))
print((), (1,), ('a',), ((1, 2),), tuple(), tuple([1, 2]), tuple('ab'), tuple(range(3)), tuple({1: 2}))
print((1, 2) + (3,), (1,) * 3, 2 * (0, 1), () * 5, (1, 2) * -1)
t("addlist", lambda: (1,) + [1])
t("mulfloat", lambda: (1,) * 2.0)
t("idx", lambda: (1,)[5])
key = 'a'
t("idxstr", lambda: (1,)[key])
t("indexmiss", lambda: (1,).index(5))
t("count0", lambda: ().count())
t("index0", lambda: ().index())
t("tuple2", lambda: tuple(1, 2))
t("tuplekw", lambda: tuple(x=1))
t("assign", lambda: (1,).__setitem__)
print((1, 2) == (1, 2), (1, 2) != (1, 3), (1, 2) < (1, 3), (1,) < (1, 0), (2,) > (1, 9), (1, 2) <= (1, 2), (1, 2) == [1, 2])
t("ltmix", lambda: (1, 2) < (1, 'a'))
print(tuple.__eq__((), 1), 3 in (1, 2, 3), 4 in (1, 2))

# hashing: CPython 3.11's tuple hash
print(hash(()), hash((1,)), hash((1, 2)), hash((1, (2, 3))), hash((-1, -2)), hash((True, 0.5, None is None)))
print(hash((1, 2)) == hash((1.0, 2.0)), {(1, 2): 'a'}[(1.0, 2)])
t("unhash", lambda: hash((1, [2])))
print({(i, i * 2) for i in range(8)})
print(set([(1, 2), (3, 4), (5, 6), (0, 0), (-1, 1)]))
print({(1, 'a') in {(1, 'a')}})

# nested repr
inner = [1]
nest = (inner, (2,), 'x')
inner.append(nest)
print(nest)

# subclass
class P(tuple):
    def __new__(cls, x, y):
        return super().__new__(cls, (x, y))
    def norm(self):
        return self[0] + self[1]
p = P(3, 4)
print(p, p.norm(), len(p), p[0], p == (3, 4), isinstance(p, tuple), hash(p) == hash((3, 4)), p + (5,))
class T2(tuple):
    pass
print(T2([1, 2]), T2(), type(T2([1])).__name__)

# range
r = range(10)
print(r, range(2, 5), range(0, 10, 3), range(5, 0, -1), len(r), len(range(0)), len(range(5, 0)), len(range(0, 10, 3)))
print(list(range(5)), list(range(2, 8, 2)), list(range(5, 0, -2)), list(range(0)), list(range(-3, 3)))
print(r[0], r[-1], r[2:5], r[::-1], r[::3], r[1:8:2], range(2, -10, -3)[1:7:2], range(0, 10, 2)[-2])
print(3 in r, 10 in r, -1 in r, 3.0 in r, 'a' in r, True in r, 4 in range(0, 10, 2), 5 in range(0, 10, 2), 7 in range(10, 0, -3))
print(r.index(3), range(0, 10, 2).index(8), r.count(3), r.count(11), r.count(3.0), range(5).index(True))
t("index7", lambda: range(5).index(7))
t("indexa", lambda: range(5).index('a'))
t("getitem", lambda: range(5)[7])
t("getitemstr", lambda: range(5)['a'])
t("getitembig", lambda: range(5)[10**100])
t("step0", lambda: range(1, 2, 0))
t("float", lambda: range(1.0))
t("args0", lambda: range())
t("args4", lambda: range(1, 2, 3, 4))
t("kw", lambda: range(x=1))
t("count0", lambda: range(5).count())
t("slice0", lambda: range(5)[::0])
print(range(0, 10, 2) == range(0, 9, 2), range(0) == range(5, 2), range(1, 2) == range(1, 5, 10), range(3) != range(4), range(3) == [0, 1, 2])
print(hash(range(0, 10, 2)) == hash(range(0, 9, 2)), hash(range(0)) == hash(range(3, 1)))
print(r.start, r.stop, r.step, range(1, 9, 2).step)
print(list(reversed(range(1, 10, 3))), list(reversed(range(0))), list(reversed(range(5, -5, -4))))
print(bool(range(0)), bool(range(1)), sum(range(101)), max(range(7)), sorted(range(3), reverse=True))
print([x * x for x in range(6) if x % 2])
big = range(-2**62, 2**62, 2**60)
print(len(big), big[3], 2**61 in big)
