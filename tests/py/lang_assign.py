# Assignment forms and unpacking.

def t(label, f):
    try:
        r = f()
        print(label, '->', repr(r))
    except Exception as e:
        print(label, '!!', type(e).__name__, e)

a = b = c = [1]
print(a is b is c)
x, y = 1, 2
x, y = y, x
print(x, y)
(p, q), r = (1, 2), 3
print(p, q, r)
[s, (u, v)] = "a", "bc"
print(s, u, v)
first, *rest = [1, 2, 3, 4]
print(first, rest)
*init, last = "abcd"
print(init, last)
head, *mid, tail = range(5)
print(head, mid, tail)
*everything, = (1, 2)
print(everything)
a, *b, c = 1, 2
print(a, b, c)
for i, (k, *vs) in enumerate([("a", 1, 2), ("b",)]):
    print(i, k, vs)

def unpack(n, seq):
    if n == 2:
        a, b = seq
        return a, b
    a, b, c = seq
    return a, b, c
t("not enough", lambda: unpack(3, [1, 2]))
t("too many", lambda: unpack(2, [1, 2, 3]))
t("too many gen", lambda: unpack(2, (i for i in range(5))))
t("not enough gen", lambda: unpack(3, (i for i in range(1))))
t("non-iterable", lambda: unpack(2, 5))
t("none", lambda: unpack(2, None))
t("str unpack", lambda: unpack(2, "ab"))
t("dict unpack", lambda: unpack(2, {"k": 1, "j": 2}))
def star_short():
    a, b, *c, d = [1, 2]
    return c
t("starred not enough", star_short)
def star_none():
    a, *b = 1
t("starred non-iterable", star_none)

# augmented assignment targets
class Box:
    def __init__(self):
        self.v = 1
        self.items = [1, 2]
bx = Box()
bx.v += 5
bx.items[0] += 10
bx.items += [3]
print(bx.v, bx.items)
d = {"k": 1}
d["k"] *= 7
d.setdefault("n", []).append(1)
print(d)
lst = [1, 2]
alias = lst
lst += [3]
print(alias, lst is alias)
tup = (1,)
alias = tup
tup += (2,)
print(alias, tup)
s = "ab"
s *= 2
print(s)
n = 10
n //= 3; print(n)
n **= 3; print(n)
n %= 7; print(n)
n <<= 4; print(n)
n >>= 1; print(n)
n |= 1; n &= 0b1111; n ^= 0b101; print(n)
f = 7.5
f /= 2; print(f)
f -= 0.75; print(f)

# augmented assignment on a tuple item raises but mutates the list first
tt = ([1],)
t("tuple item iadd", lambda: tt[0].__iadd__([2]) and None)
def tuple_item_aug():
    tt[0] += [3]
t("tuple item +=", tuple_item_aug)
print(tt)

# slices
L = list(range(10))
L[2:5] = ["a"]
print(L)
L[::2] = "ABCDE"[:len(L[::2])]
print(L)
del L[::3]
print(L)
L[:] = []
print(L)
def bad_slice():
    L2 = [1, 2, 3, 4]
    L2[::2] = [1]
t("extended slice size", bad_slice)
M = [1, 2, 3]
M[1:1] = [9, 9]
print(M)
M[-1:] = ()
print(M)

# walrus
data = [1, 5, 10, 15]
if (n := len(data)) > 3:
    print("long", n)
print([y for x in data if (y := x * 2) > 10])
print(y)

# multiple targets with side effects evaluated left to right
order = []
class Rec:
    def __setitem__(self, k, v):
        order.append((k, v))
rr = Rec()
rr[1] = rr[2] = "v"
print(order)

# del forms
a = 1
del a
t("deleted name", lambda: a)
D = {"a": 1, "b": 2, "c": 3}
del D["a"], D["b"]
print(D)
t("del missing key", lambda: D.__delitem__("zz"))
def del_missing():
    del D["zz"]
t("del D[missing]", del_missing)
class O: pass
o = O()
o.attr = 1
del o.attr
t("del attr again", lambda: delattr(o, "attr"))
def del_attr_stmt():
    del o.attr
t("del o.attr", del_attr_stmt)
LL = [1, 2, 3]
del LL[0]
print(LL)
def del_index():
    del LL[5]
t("del index", del_index)
x1, x2 = 1, 2
del (x1, x2)
t("del tuple", lambda: x1)

# chained comparison evaluates middle once
calls = []
def val(v):
    calls.append(v)
    return v
print(val(1) < val(2) < val(3), calls)
calls.clear()
print(val(3) < val(2) < val(1), calls)
nn = None
print(1 < 2 > 1 == 1 != 2, nn is not None, nn is None)
