# Global and builtin name lookups stay right while the dicts change under a running function
# (gilpy caches where LoadGlobal found a name; every change below must be seen).
import builtins


def get_x():
    return x


x = 1
print(get_x())
x = 2
print(get_x())
del x
try:
    get_x()
except NameError as e:
    print("NameError:", e)
x = 3
print(get_x())


def uses_len(s):
    return len(s)


print(uses_len("abc"))
len = lambda s: 42  # a global now shadows the builtin
print(uses_len("abc"))
del len
print(uses_len("abcd"))
builtins.len, saved = (lambda s: -1), builtins.len
print(uses_len("abc"))
builtins.len = saved
print(uses_len("ab"))

# Many new globals force the dict to grow and move its entries.
for i in range(200):
    globals()["filler_%d" % i] = i
print(get_x(), uses_len("xyz"))
for i in range(0, 200, 2):
    del globals()["filler_%d" % i]
print(get_x(), filler_199)

# One code object run against two different globals dicts.
code = compile("result = y * 2", "<exec>", "exec")
g1 = {"y": 10}
g2 = {"y": 20}
exec(code, g1)
exec(code, g2)
exec(code, g1)
print(g1["result"], g2["result"])
f_src = "def f():\n    return z\n"
ga = {"z": "a"}
gb = {"z": "b"}
exec(f_src, ga)
exec(f_src, gb)
print(ga["f"](), gb["f"](), ga["f"]())
ga["z"] = "A"
print(ga["f"]())
ga.clear()
ga["z"] = "cleared"
try:
    print(gb["f"]())
except NameError as e:
    print("NameError:", e)


# Names looked up in a loop while another function rebinds them.
def counter():
    global total
    total = total + 1


total = 0
for _ in range(1000):
    counter()
print(total)
globals().pop("total")
try:
    counter()
except NameError as e:
    print("NameError:", e)
globals().update({"total": 5})
counter()
print(total)
