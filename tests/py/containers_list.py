# list: methods, indexing, slicing, sorting, comparisons, repr, errors.

def t(label, f):
    try:
        print(label, repr(f()))
    except Exception as e:
        print(label, type(e).__name__, e)

l = [1, 2, 3]
l.append(4)
l.extend([5, 6])
l.extend((7,))
l.extend(range(8, 10))
l.insert(0, 0)
l.insert(-1, 'x')
l.insert(100, 'end')
l.insert(-100, 'start')
print(l)
l.remove('x')
print(l.pop(), l.pop(0), l.pop(-2), l)
print(l.index(3), l.index(3, 2), l.index(5, -5, -1), l.count(3), l.count(42))
l.reverse()
print(l)
c = l.copy()
c.clear()
print(c, l, len(l))

t("append0", lambda: [].append())
t("append2", lambda: [].append(1, 2))
t("appendkw", lambda: [].append(x=1))
t("pop2", lambda: [].pop(1, 2))
t("popempty", lambda: [].pop())
t("poprange", lambda: [1].pop(5))
t("popkw", lambda: [1].pop(x=1))
t("insert1", lambda: [].insert(1))
t("index0", lambda: [].index())
t("index4", lambda: [].index(1, 2, 3, 4))
t("indexmiss", lambda: [1].index(5))
t("indexmiss2", lambda: [1, 2, 1].index(1, 1, 2))
t("indexbad", lambda: [1].index(1, 'a'))
t("indexbig", lambda: [1].index(1, -10**100, 10**100))
t("removemiss", lambda: [1].remove(5))
t("count0", lambda: [].count())
t("copyarg", lambda: [].copy(1))
t("clearargs", lambda: [].clear(1))
t("descr", lambda: list.append(5, 1))

# indexing
a = list(range(10))
print(a[0], a[-1], a[3:7], a[::2], a[::-1], a[-3:], a[:-3], a[7:2:-2], a[100:], a[-100:2])
print(a[1:8:3], a[::-3], a[5:5], a[slice(None, None, None)])
t("idx", lambda: a[10])
t("idxneg", lambda: a[-11])
t("idxfloat", lambda: a[1.0])
t("idxstr", lambda: a['a'])
t("idxbig", lambda: a[10**100])
t("step0", lambda: a[::0])
t("slicefloat", lambda: a[1.5:])
print(a[True], a[False:True])

class Idx:
    def __index__(self):
        return 2
print(a[Idx()], a[Idx():Idx()], a[:Idx()])

# assignment
b = list(range(10))
b[0] = 'a'
b[-1] = 'z'
b[2:4] = ['x', 'y', 'w']
print(b)
b[1:1] = (1, 2)
print(b)
b[:] = b[:3]
print(b)
b[5:] = [9]
print(b)
b[::2] = 'AB'
print(b)
b[::-1] = [1, 2, 3, 4]
print(b)
b[1:3] = []
print(b)
b[:0] = b
print(b)
t("extset", lambda: b.__setitem__(slice(0, 3, 2), [1, 2, 3]))
t("extsetnoniter", lambda: b.__setitem__(slice(0, 3, 2), 5))
t("setnoniter", lambda: b.__setitem__(slice(0, 3), 5))
t("setrange", lambda: b.__setitem__(50, 5))

def setitem(lst, k, v):
    lst[k] = v

t("setrange2", lambda: setitem([], 0, 1))
t("settype", lambda: setitem([1], 'a', 1))

d = list(range(10))
del d[0]
del d[-1]
print(d)
del d[::2]
print(d)
del d[1:2]
print(d)
del d[::-1]
print(d)
d = list(range(10))
del d[8:2:-3]
print(d)
del d[100:]
print(d)

def delitem(lst, k):
    del lst[k]

t("delrange", lambda: delitem([1], 5))

# operators
print([1, 2] + [3], [1] * 3, 3 * [1, 2], [1] * 0, [1] * -2, [] * 5)
t("addint", lambda: [1] + 1)
t("addtuple", lambda: [1] + (2,))
t("mulfloat", lambda: [1] * 1.5)
t("mulbig", lambda: [1] * 10**100)
x = [1, 2]
y = x
x += (3, 4)
x += 'ab'
print(x, y is x)
x *= 2
print(x, y is x)
x *= 0
print(x)
t("iaddint", lambda: [].__iadd__(1))

# comparisons
print([1, 2] == [1, 2], [1, 2] != [1, 2], [1, 2] < [1, 3], [1, 2] < [1, 2, 0], [2] > [1, 5], [1, 2] <= [1, 2], [] >= [])
print([1, 2] == (1, 2), [1, 'a'] == [1, 'a'], [[1]] == [[1]], [1.0] == [1])
t("ltmix", lambda: [1] < ['a'])
t("lteq", lambda: [1, 'a'] < [1, 'a'])
print(list.__eq__([], 1), list.__lt__([], 1))
nan = float('nan')
print([nan] == [nan], nan in [nan])

# containment
print(3 in [1, 2, 3], 4 in [1, 2, 3], 'a' not in [1, 2], [1] in [[1]])

# repr and recursion
r = [1, 'a', 2.5, None, True, (1,), [2]]
print(r, repr(r), str(r))
r.append(r)
print(r)
m = [r, r]
print(m)

# sort
s = [5, 2, 8, 1, 9, 3]
s.sort()
print(s)
s.sort(reverse=True)
print(s)
w = ['banana', 'Apple', 'cherry', 'apple']
w.sort()
print(w)
w.sort(key=str.lower)
print(w)
w.sort(key=len, reverse=True)
print(w)
pairs = [(2, 'b'), (1, 'z'), (2, 'a'), (1, 'y'), (0, 'q')]
pairs.sort(key=lambda p: p[0])
print(pairs)
pairs.sort(key=lambda p: p[0], reverse=True)
print(pairs)
pairs.sort()
print(pairs)
fl = [3.5, -1.0, 2.25, 0.0]
fl.sort()
print(fl)
mixed = [3, 1.5, True, 2]
mixed.sort()
print(mixed)
big = [(i * 7919) % 1000 for i in range(300)]
big.sort()
print(big[:10], big[-10:], big == sorted(big))
stab = [(i % 7, i) for i in range(200)]
stab.sort(key=lambda p: p[0])
print(stab[:12])
t("sortmix", lambda: [3, 1, 'a'].sort())
t("sortpos", lambda: [].sort(1))
t("sortkw", lambda: [].sort(foo=1))
t("sortkey", lambda: [3, 1].sort(key=1))
t("sortrev", lambda: [].sort(reverse='a'))

calls = []
class K:
    def __init__(self, v):
        self.v = v
    def __lt__(self, other):
        calls.append((self.v, other.v))
        return self.v < other.v
    def __repr__(self):
        return 'K(%d)' % self.v
ks = [K(3), K(1), K(2), K(5), K(4)]
ks.sort()
print(ks, calls)

mod = [3, 2, 1]
def bad_key(v):
    mod.append(v)
    return v
t("modified", lambda: mod.sort(key=bad_key))
print(mod)
keyerr = [3, 2, 1]
def raising(v):
    if v == 1:
        raise ValueError("nope")
    return v
t("keyraise", lambda: keyerr.sort(key=raising))
print(keyerr)

# constructor
print(list(), list((1, 2)), list('abc'), list(range(3)), list({1: 2, 3: 4}), list({5}))
t("list2", lambda: list(1, 2))
t("listkw", lambda: list(x=1))
t("listint", lambda: list(1))
t("hash", lambda: hash([]))

# iteration while appending
it_l = [1, 2, 3]
out = []
for v in it_l:
    out.append(v)
    if v < 3:
        it_l.append(v + 10)
print(out)
itx = iter([1, 2])
print(list(itx), list(itx))
rv = [1, 2, 3]
print(list(reversed(rv)), list(reversed([])))

# subclass
class L(list):
    def total(self):
        return sum(self)
ll = L([1, 2, 3])
ll.append(4)
print(ll, len(ll), ll.total(), ll[1:3], type(ll[1:3]).__name__, ll + [5], type(ll + [5]).__name__)
print(isinstance(ll, list), ll == [1, 2, 3, 4], sorted(ll, reverse=True))

class L2(list):
    def __init__(self, n):
        super().__init__(range(n))
print(L2(4))
