# Iterators: built-in container iterators, enumerate, zip, map, filter, reversed, the
# __getitem__ sequence protocol, iter(callable, sentinel), and errors.

def t(label, f):
    try:
        print(label, repr(f()))
    except Exception as e:
        print(label, type(e).__name__, e)

# container iterators
it = iter([1, 2, 3])
print(next(it), next(it), next(it), next(it, 'done'), list(it))
print(list(iter((4, 5))), list(iter('héllo')), list(iter(range(3))), list(iter({'a': 1, 'b': 2})), list(iter({7})))
print(list(iter(b'ab')), list(bytearray(b'xy')), list({1: 2}.values()), list({1: 2}.items()))
it2 = iter(it)
print(it2 is it)
t("nextexhausted", lambda: next(iter([])))
t("notiter", lambda: iter(1))
t("nextnotiter", lambda: next([1]))
ex = iter([1])
list(ex)
print(list(ex))
grow = [1]
git = iter(grow)
print(next(git))
grow.append(2)
print(next(git))
print(list(git))
grow.append(3)
print(list(git))

# enumerate
print(list(enumerate('abc')), list(enumerate('ab', 1)), list(enumerate('ab', start=-1)), list(enumerate(iterable='xy', start=3)))
print(list(enumerate([], 5)), list(enumerate(range(2), 2**63 - 1)))
t("enum0", lambda: enumerate())
t("enumstr", lambda: enumerate([], 'a'))
t("enumkw", lambda: enumerate([], foo=1))
t("enum3", lambda: enumerate([1], 1, 2))
t("enumnoniter", lambda: enumerate(5))
e = enumerate('xyz')
print(next(e), list(e))

# zip
print(list(zip('abc', range(10))), list(zip()), list(zip([1])), list(zip('ab', 'cd', 'ef')))
print(list(zip([1, 2], [3, 4], strict=True)), list(zip(strict=False)))
t("zipint", lambda: zip(1))
t("zipkw", lambda: zip([], foo=1))
t("zipkw2", lambda: zip([1], strict=1, x=2))
t("zipshort", lambda: list(zip([1], [1, 2], strict=True)))
t("ziplong", lambda: list(zip([1, 2], [1], strict=True)))
t("zipshort3", lambda: list(zip([1, 2], [1, 2], [1], strict=True)))
t("ziplong3", lambda: list(zip([1], [1], [1, 2], strict=True)))
zz = zip(*[[1, 2, 3], [4, 5, 6]])
print(list(zz), dict(zip('ab', [1, 2])))

# map / filter
print(list(map(str, [1, 2, 3])), list(map(lambda a, b: a + b, [1, 2, 3], [10, 20])), list(map(pow, [2, 3], [3, 2])))
print(list(filter(None, [0, 1, '', 'a', [], [0], None, 2])), list(filter(lambda x: x % 2, range(10))), list(filter(bool, [0, 3])))
t("map1", lambda: map(len))
t("map0", lambda: map())
t("mapkw", lambda: map(len, [], x=1))
t("filter1", lambda: filter(len))
t("filterkw", lambda: filter(len, [], x=1))
t("mapraise", lambda: list(map(lambda x: 1 // x, [1, 0])))
t("filternoniter", lambda: filter(None, 3))
m = map(abs, [-1, -2])
print(next(m), next(m), next(m, 'end'))

# reversed
print(list(reversed([1, 2, 3])), list(reversed((1, 2))), list(reversed('abc')), list(reversed('héllo')), list(reversed(range(4))), list(reversed({'a': 1, 'b': 2})))
print(list(reversed(b'ab')), list(reversed([])), list(reversed(())), list(reversed('')))
t("rev0", lambda: reversed())
t("revint", lambda: reversed(1))
t("revset", lambda: reversed({1}))
t("revkw", lambda: reversed([], x=1))
t("rev2", lambda: reversed([1], [2]))
rl = [1, 2, 3]
rit = reversed(rl)
print(next(rit))
rl.clear()
print(list(rit))

class Seq:
    def __init__(self, n):
        self.n = n
    def __len__(self):
        return self.n
    def __getitem__(self, i):
        if i >= self.n:
            raise IndexError(i)
        return i * 10
print(list(Seq(4)), list(reversed(Seq(3))), 20 in Seq(3), 25 in Seq(3))
for x in Seq(2):
    print('seq', x)

class NoLen:
    def __getitem__(self, i):
        if i > 2:
            raise StopIteration
        return i
print(list(NoLen()))
t("revnolen", lambda: reversed(NoLen()))

class Rev:
    def __reversed__(self):
        return iter([3, 2, 1])
print(list(reversed(Rev())))

class NotRev:
    __reversed__ = None
    def __getitem__(self, i):
        return i
t("revnone", lambda: reversed(NotRev()))

# iter(callable, sentinel)
counter = [0]
def tick():
    counter[0] += 1
    return counter[0]
print(list(iter(tick, 4)))
t("callstop", lambda: next(iter(lambda: 1, 1)))

# mutation errors
def dict_grow():
    d = {1: 1}
    for k in d:
        d[k + 1] = 1
def set_grow():
    s = {1}
    for k in s:
        s.add(k + 1)
t("dict_grow", dict_grow)
t("set_grow", set_grow)
d = {1: 1}
di = iter(d)
d[2] = 2
t("sticky1", lambda: next(di))
t("sticky2", lambda: next(di))

# iterating views while reading
d2 = {'x': 1, 'y': 2}
for k, v in d2.items():
    d2[k] = v * 10
print(d2)

# unpacking and builtins consuming iterators
a, b, *rest = range(5)
print(a, b, rest, sum(map(int, '123')), sorted(zip([3, 1, 2], 'abc')), max(enumerate('ab')), any(map(bool, [0, 0, 1])))
print(tuple(enumerate(zip('ab', 'cd'))), list(map(list, zip(*[(1, 2), (3, 4)]))))

# generators mixing with native iterators
def gen():
    yield from range(3)
    yield from 'ab'
print(list(gen()), list(zip(gen(), gen())), list(enumerate(gen(), 1)))
