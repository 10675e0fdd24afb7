# set and frozenset: methods, operators, errors, and CPython's iteration order (ints, tuples
# and frozensets hash like CPython, so the orders below must match exactly).

def t(label, f):
    try:
        print(label, repr(f()))
    except Exception as e:
        print(label, type(e).__name__, e)

print({5, 3, 1} | {2, 9})
print(set([10, 3, 7, 100, 33]))
print({1, 2, 3} & {3, 2})
print(set(range(20)), set(range(20, 0, -3)))
print(set([1000, 8, 16, 24, 1, 9, 17]), set([-1, -2, -3, 2**61 - 1, 2**61, 2**64]))
print(set((i * 37) % 101 for i in range(30)))

s = set()
for i in [40, 8, 16, 3, 100, 64, 72, 5]:
    s.add(i)
print(s, len(s))
s.discard(16)
s.discard(999)
s.remove(3)
print(s)
t("removemiss", lambda: s.remove(999))
popped = [s.pop(), s.pop()]
print(popped, s)
s.update([1, 2], {3: 'x'}, (4,), range(50, 53))
print(s)
s.clear()
print(s, len(s))
t("popempty", lambda: set().pop())
t("add0", lambda: set().add())
t("add2", lambda: set().add(1, 2))
t("addkw", lambda: set().add(1, x=2))
t("updatekw", lambda: set().update(x=1))
t("updateint", lambda: set().update(1))
t("unhashable", lambda: set().add([1]))
t("unhashable2", lambda: {[1]})
t("set2", lambda: set(1, 2))
t("setkw", lambda: set(x=1))
t("frozenkw", lambda: frozenset(x=1))
t("frozenadd", lambda: frozenset().add)
t("hashset", lambda: hash(set()))
t("symdiff0", lambda: set().symmetric_difference())
t("symdiff2", lambda: set().symmetric_difference(1, 2))
t("isdisjoint0", lambda: {1, 2}.isdisjoint())
t("issubsetint", lambda: {1}.issubset(1))
t("or", lambda: {1} | [1])
t("lt", lambda: {1} < [1])
t("sub", lambda: {1} - 1)

a = {1, 2, 3, 4, 5, 6, 7, 8}
b = {4, 5, 6, 7, 8, 9, 10, 11, 12}
print(a | b, b | a, a & b, b & a, a - b, b - a, a ^ b, b ^ a)
print(a.union(b, [20, 21]), a.intersection(b, range(5, 20)), a.difference(b, [1]), a.symmetric_difference([1, 100]))
print(a.union(), a.intersection(), a.difference())
print(a.issubset(b), {4, 5}.issubset(b), {4, 5}.issubset([4, 5, 6]), b.issuperset({4, 5}), b.issuperset([4, 99]), a.isdisjoint(b), a.isdisjoint([100]), set().isdisjoint(set()))
print(a <= b, a < a, a <= a, {4} < b, b > {4}, b >= b, a == set(a), a != b, {1, 2} == frozenset({1, 2}), {1} == [1])
print(set.__eq__(set(), 1), set.__le__(set(), 1), set.__or__(set(), 1))

big = set(range(100))
small = {5, 50, 500}
print(big & small, small & big, small - big, big - set(range(3, 100)), big.difference(range(2, 100)))
print(set(range(40)) - set(range(0, 40, 2)))
print(small.difference({5: 1}), set(range(12)).difference({i: 0 for i in range(11)}))

c = set(range(10))
c &= {1, 3, 5, 11}
print(c)
c |= {100, 200}
print(c)
c -= {1}
print(c)
c ^= {3, 7}
print(c)
c.intersection_update(range(6), [5, 7])
print(c)
c.difference_update([7], {100})
print(c)
c.symmetric_difference_update([1, 2, 3])
print(c)
e = set(range(30))
e.difference_update(range(25))
print(e)
f = set(range(30))
f -= set(range(0, 30, 3))
print(f, f.pop(), f.pop(), f)
g = set(range(8))
g.intersection_update({100})
g.add(3)
print(g)

# frozensets
fs = frozenset([3, 1, 2])
print(fs, frozenset(), frozenset(range(5)), fs | {9}, {9} | fs, fs & {1}, fs - {1}, fs ^ {1, 7}, type(fs | {9}).__name__, type({9} | fs).__name__)
print(fs.copy() is fs, fs.union([4]), hash(fs) == hash(frozenset({1, 2, 3})), hash(frozenset()), hash(frozenset({1, 2, 3})))
print(frozenset(fs) is fs, {fs: 1}[frozenset([1, 2, 3])], fs == {1, 2, 3})
fss = {frozenset([1]), frozenset([1, 2]), frozenset(), frozenset([2, 3, 4])}
print(fss)
print({1} in fss, frozenset({1}) in fss)
fs2 = fs
fs2 |= {10}
print(fs, fs2, fs2 is fs)
print(set([frozenset(range(i)) for i in range(6)]))
t("removeset", lambda: {frozenset({1})}.remove({1}))
t("inunhashable", lambda: [1] in set())

# sets of tuples and mixed numbers
print({(1, 2), (2, 1), (0, 0), (3, 3), (1, 1)} if False else set([(1, 2), (2, 1), (0, 0), (3, 3), (1, 1)]))
print(set([1, 1.0, True]), set([0, False, 0.0, 2.5, -0.0]), {1, 2} == {1.0, 2.0})

# constant set displays: CPython builds a frozenset constant and merges it in
print({10, 3, 7, 100, 33}, {1, 2, 3, 4, 5, 6}, {(1, 2), (3, 4), (5, 6), (0, 0), (-1, 1)})
print({9, 17, 25, 33, 41, 1, 8, 16}, {1.5, 2**61, -7, (3, 'x')} == {(3, 'x'), -7, 2**61, 1.5})
# ... and iterates a constant set display in `for` / comprehensions as that frozenset itself
for x in {(1, 2), (3, 4), (5, 6), (0, 0), (-1, 1)}:
    print(x, end=' ')
print([x for x in {9, 17, 25, 33, 41, 1, 8, 16}])

# iteration and mutation
def grow():
    st = {1, 2, 3}
    for x in st:
        st.add(x + 10)
t("grow", grow)
def shrink_and_grow():
    st = {1, 2, 3}
    for x in st:
        st.discard(x)
        st.add(x + 100)
    return st
t("same_size", shrink_and_grow)

# repr of subclasses and recursion-free nesting
class S(set):
    pass
class F(frozenset):
    pass
ss = S([3, 1])
print(ss, S(), F([2]), F(), type(ss | {5}).__name__, type(ss.copy()).__name__, isinstance(ss, set))
ss.add(7)
print(ss, len(ss), 7 in ss, sorted(ss))
class F2(frozenset):
    def __new__(cls, *items):
        return super().__new__(cls, items)
print(F2(5, 6, 5), len(F2(1, 2)))
print(sorted({3, 1, 2}), sum({1, 2, 3}), max(frozenset([4, 9])))
