# `local += value` is one instruction that may grow a str in place when nothing else holds it;
# every other case must behave exactly as `local = local + value` / `__iadd__`.


def strings(n):
    s = ""
    for i in range(n):
        s += chr(97 + i % 26)
    t = s
    s += "!"
    u = s
    u += "?"
    d = {"k": s}
    s += "#"
    return s[-5:], t[-3:], u[-3:], d["k"][-3:], len(s), len(t)


print(strings(100))


def unicode():
    s = "é"
    for c in "ñü€😀":
        s += c
    s += s
    return s, len(s), s[3], s.upper()


print(unicode())


def hashes():
    s = "ab"
    h = {s: 1}
    s += "c"
    h[s] = 2
    s += "d"
    return sorted(h.items()), hash("abcd") == hash(s), s == "abcd"


print(hashes())


class Acc:
    def __init__(self):
        self.items = []

    def __iadd__(self, other):
        self.items.append(other)
        return self


def others():
    n = 1
    n += 2
    f = 1.5
    f += 2
    big = 2**62
    big += 2**62
    lst = [1]
    alias = lst
    lst += [2]
    tup = (1,)
    tup += (2,)
    a = Acc()
    a += "x"
    a += 5
    b = b"ab"
    b += b"c"
    return n, f, big, lst, alias, lst is alias, tup, a.items, b


print(others())


def walrus():
    s = "a"
    s += (s := "b")
    return s


print(walrus())


def errors():
    s = "x"
    try:
        s += 1
    except TypeError as e:
        print("TypeError:", e)
    print(s)
    try:
        q += "a"
    except UnboundLocalError as e:
        print("UnboundLocalError:", e)
    q = "z"


errors()
