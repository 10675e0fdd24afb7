# dict and its views: methods, errors, ordering, views, subclasses, repr.

def t(label, f):
    try:
        print(label, repr(f()))
    except Exception as e:
        print(label, type(e).__name__, e)

d = {'b': 1, 'a': 2}
d['c'] = 3
d['b'] = 10
print(d, len(d), d['a'], d.get('z'), d.get('z', 0), d.get('a', 0), 'a' in d, 'z' in d, 'z' not in d)
print(list(d), list(d.keys()), list(d.values()), list(d.items()))
print(d.keys(), d.values(), d.items())
del d['b']
d['b'] = 4
print(d)
print(d.setdefault('a', 99), d.setdefault('new', 5), d.setdefault('none'), d)
print(d.pop('new'), d.pop('zz', 'dflt'), d)
print(d.popitem(), d)
d.update({'x': 1}, y=2)
d.update([('p', 1), ['q', 2]])
d.update(z=26)
d.update(('ab', 'cd'))
print(d)
c = d.copy()
c.clear()
print(c, len(d))
print(dict(), dict(a=1), dict({'a': 1}, b=2), dict([(1, 2), (3, 4)]), dict(zip('abc', range(3))), dict({1: 2}.items()))
print(dict.fromkeys('abc'), dict.fromkeys([1, 2], 0), dict.fromkeys(range(3), []), dict.fromkeys({5: 1}, 'v'))

t("getmissing", lambda: {}['x'])
t("getint", lambda: {1: 2}[2])
t("gettuple", lambda: {}[(1, 2)])
t("unhashable", lambda: {}[[1]])
t("setunhashable", lambda: {}.__setitem__([1], 2))
t("inunhashable", lambda: [1] in {})
t("popitem", lambda: {}.popitem())
t("popmissing", lambda: {}.pop(1))
t("pop0", lambda: {}.pop())
t("pop3", lambda: {}.pop(1, 2, 3))
t("get0", lambda: {}.get())
t("getkw", lambda: {}.get(1, x=1))
t("setdefault0", lambda: {}.setdefault())
t("update2", lambda: {}.update(1, 2))
t("updateint", lambda: {}.update(1))
t("updatebad", lambda: dict([1]))
t("updatelen", lambda: dict([(1, 2, 3)]))
t("updatestr", lambda: dict(['abc']))
t("dict2", lambda: dict(1, 2))
t("fromkeys0", lambda: dict.fromkeys())
t("copyarg", lambda: {}.copy(1))
t("keysarg", lambda: {}.keys(1))
t("popitemarg", lambda: {}.popitem(1))
t("descr", lambda: dict.get(5, 1))
t("hash", lambda: hash({}))
t("lt", lambda: {} < {})

def delitem(m, k):
    del m[k]
t("delmissing", lambda: delitem({}, 'k'))

# equality
print({1: 2} == {1: 2}, {1: 2} == {1: 3}, {1: 2} == {2: 2}, {1: 2, 3: 4} == {3: 4, 1: 2}, {'a': 1} == {'a': 1.0}, {} != {}, {1: [1]} == {1: [1]})
print(dict.__eq__({}, 1), {1: 2} == [(1, 2)])

# merge operators
a = {'a': 1, 'b': 2}
b = {'b': 3, 'c': 4}
print(a | b, b | a, a)
a |= b
print(a)
a |= [('z', 0)]
print(a)
t("orlist", lambda: {1: 2} | [(3, 4)])

# keys with equal hashes / mixed numeric keys
m = {1: 'int', 1.0: 'float', True: 'bool'}
print(m)
m2 = {0: 'a', False: 'b', 0.0: 'c', 2**70: 'big', 2.0**70: 'fbig'}
print(m2)

class Key:
    def __init__(self, v):
        self.v = v
    def __hash__(self):
        return self.v % 3
    def __eq__(self, other):
        return isinstance(other, Key) and self.v == other.v
    def __repr__(self):
        return 'Key(%d)' % self.v
kd = {Key(i): i for i in range(7)}
print(kd, kd[Key(4)], Key(9) in kd)
del kd[Key(3)]
print(kd)

# recursion in repr
rd = {'self': None}
rd['self'] = rd
print(rd)
rl = {1: []}
rl[1].append(rl)
print(rl)

# views
v = {'a': 1, 'b': 2, 'c': 3}
k, vals, it = v.keys(), v.values(), v.items()
v['d'] = 4
print(k, vals, it, len(k), len(vals), len(it))
print('a' in k, 'z' in k, 2 in vals, 9 in vals, ('a', 1) in it, ('a', 2) in it, ['a', 1] in it, 'a' in it)
print(k & {'a', 'z'}, sorted(k - {'a'}), sorted(k | {'z'}), sorted(k ^ {'a', 'z'}), sorted({'q'} | k), sorted(['a', 'y'] - k))
print(k == {'a', 'b', 'c', 'd'}, k == {'a'}, k <= {'a', 'b', 'c', 'd', 'e'}, k < {'a', 'b', 'c', 'd'}, k >= {'a'}, k > set(k))
print(it == {('a', 1), ('b', 2), ('c', 3), ('d', 4)}, it & {('a', 1)}, vals == vals, vals == v.values())
print(k.isdisjoint({'x'}), k.isdisjoint(['a']), k.isdisjoint(v.keys()))
print({1: 2}.keys() & {1: 2}.values(), {1: 2}.keys() - [1], [1] - {1: 2}.keys(), {1: 2}.keys() ^ [1, 5])
print(list(reversed(v)), list(reversed(v.keys())), list(reversed(v.values())), list(reversed(v.items())))
t("valuesand", lambda: {1: 2}.values() & {1})
t("reversedempty", lambda: next(reversed({})))

# mutation during iteration
def mutate_size():
    m = {1: 1, 2: 2}
    for key in m:
        m[key + 10] = 0
def mutate_del():
    m = {1: 1, 2: 2}
    for key in m:
        del m[key]
def mutate_values():
    m = {1: 1, 2: 2}
    for x in m.values():
        m.pop(1)
def mutate_ok():
    m = {1: 1, 2: 2}
    for key in m:
        m[key] = 5
    return m
t("mutate_size", mutate_size)
t("mutate_del", mutate_del)
t("mutate_values", mutate_values)
t("mutate_ok", mutate_ok)
def keys_changed():
    m = {1: 1, 2: 2, 3: 3}
    out = []
    for key in m:
        out.append(key)
        if key == 1:
            del m[2]
            m[4] = 4
    return out
t("keys_changed", keys_changed)

# insertion order survives deletes
o = {}
for i in range(20):
    o[i] = i
for i in range(0, 20, 2):
    del o[i]
o[0] = 'back'
print(list(o.items())[:4], list(o)[-2:], len(o))

# subclasses
class Counter(dict):
    def __missing__(self, key):
        return 0
cnt = Counter()
for ch in 'hello world':
    cnt[ch] += 1
print(sorted(cnt.items()), cnt['zz'], 'zz' in cnt, len(cnt), isinstance(cnt, dict))
print(cnt.get('zz'), type(cnt.copy()).__name__, type(cnt | {}).__name__)

class D(dict):
    def __init__(self, *args, **kw):
        super().__init__(*args, **kw)
        self.extra = True
dd = D([('a', 1)], b=2)
print(dd, dd.extra, list(dd.keys()), D.fromkeys('xy', 1), type(D.fromkeys('xy')).__name__)

class NoMissing(dict):
    pass
t("nomissing", lambda: NoMissing()['x'])

class Upper(dict):
    def __setitem__(self, key, value):
        super().__setitem__(key.upper(), value)
u = Upper()
u['a'] = 1
print(u, dict(u), {**u})

class Mapping:
    def keys(self):
        return ['k1', 'k2']
    def __getitem__(self, key):
        return key * 2
print(dict(Mapping()), {**Mapping()})
