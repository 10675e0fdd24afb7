# locals(), vars(), dir() and eval/exec inside functions; global and nonlocal.

def t(label, f):
    try:
        r = f()
        print(label, '->', repr(r))
    except Exception as e:
        print(label, '!!', type(e).__name__, e)

def f(a, b=2, *args, key=None, **kw):
    c = a + b
    unbound_later = None
    del unbound_later
    return locals()
print(f(1))
print(f(1, 3, 4, 5, key="k", extra=True))

def with_cells(x):
    y = x * 2
    def inner():
        return x + y
    return sorted(locals()), inner()
print(with_cells(3))

def closure_locals():
    outer = "o"
    def inner():
        z = 1
        print(outer)
        return locals()
    return inner()
print(closure_locals())

def uses_vars():
    p = 1
    q = [2]
    return vars()
print(uses_vars())

def uses_dir():
    zed = 1
    alpha = 2
    return dir()
print(uses_dir())

def uses_eval(n):
    m = 10
    return eval("n + m"), eval("(n, m)")
print(uses_eval(4))

def uses_exec():
    exec("result = 6 * 7")
    return locals()["result"]
print(uses_exec())

def exec_with_dicts():
    ns = {}
    exec("v = 5\nw = v + 1", ns)
    return ns["w"], sorted(k for k in ns if k != "__builtins__")
print(exec_with_dicts())

def comprehension_locals():
    base = 3
    return [sorted(locals()) for i in range(1)]
print(comprehension_locals())

# module level: locals() is globals()
print(locals() is globals(), vars() is globals(), "t" in dir())

class K:
    a = 1
    names = sorted(n for n in locals() if not n.startswith("__"))
    b = 2
print(K.names, sorted(n for n in vars(K) if not n.startswith("__")))

# global / nonlocal
counter = 0
def bump():
    global counter
    counter += 1
    return counter
bump(); bump()
print(counter)

def make_counter():
    n = 0
    def inc(step=1):
        nonlocal n
        n += step
        return n
    def get():
        return n
    return inc, get
inc, get = make_counter()
inc(); inc(5)
print(get())

def unbound():
    print(value_q)
    value_q = 1
t("unbound local", unbound)

def unbound_free():
    def inner():
        return later
    r = t("unbound free", inner)
    later = 1
unbound_free()

def global_undefined():
    global never_defined_q
    return never_defined_q
t("global undefined", global_undefined)
t("name error", lambda: undefined_name_q)
t("del undefined", lambda: exec("del undefined_name_q"))

def del_local():
    x = 1
    del x
    return x
t("del local", del_local)

# closures capture variables, not values
fs = [lambda: i for i in range(3)]
print([g() for g in fs])
fs = [lambda i=i: i for i in range(3)]
print([g() for g in fs])

def late():
    funcs = []
    for i in range(3):
        def f():
            return i
        funcs.append(f)
    return [g() for g in funcs]
print(late())

# nested scopes and class scopes
x = "global"
def outer():
    x = "outer"
    class Inner:
        x = "class"
        def method(self):
            return x
        y = x
    return Inner().method(), Inner.y
print(outer())

# comprehension variables do not leak
i = "before"
[i for i in range(3)]
print(i)
