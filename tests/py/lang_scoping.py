# Comprehension scoping, global/nonlocal rules (compile-time errors), class scopes.

def t(label, f):
    try:
        r = f()
        print(label, '->', repr(r))
    except Exception as e:
        print(label, '!!', type(e).__name__, e)

def compile_err(label, src):
    try:
        compile(src, "<test>", "exec")
        print(label, "compiled")
    except SyntaxError as e:
        print(label, "!!", type(e).__name__, e.msg, e.lineno)

x = "global x"
print([x for x in range(2)], x)
print({x: 1 for x in "ab"}, x)
print(list(x for x in range(2)), x)
y = 10
print([y * i for i in range(3)])
print([(i, j) for i in range(3) if i for j in range(i)])
print([[j for j in range(i)] for i in range(3)])

class C:
    v = 5
    lst = [1, 2]
    doubled = [i * 2 for i in lst]
    try:
        bad = [v for _ in range(2)]
    except NameError as e:
        err = str(e)
print(C.doubled, C.err)

# walrus in comprehension binds in the enclosing scope
def walrus():
    [last := i for i in range(4)]
    return last
print(walrus())

compile_err("nonlocal at module", "nonlocal x")
compile_err("nonlocal missing", "def f():\n    nonlocal q\n")
compile_err("global after use", "def f():\n    print(g)\n    global g\n")
compile_err("assign before global", "def f():\n    g = 1\n    global g\n")
compile_err("param global", "def f(a):\n    global a\n")
compile_err("return outside", "return 1")
compile_err("yield outside", "yield 1")
compile_err("break outside", "break")
compile_err("continue outside", "if True:\n    continue")
compile_err("del literal", "del 1")
compile_err("assign to literal", "1 = x")
compile_err("assign to call", "f() = 1")
compile_err("aug assign tuple", "a, b += 1")
compile_err("star alone", "*a = [1]")
compile_err("two stars", "*a, *b = [1]")
compile_err("dup arg", "def f(a, a): pass")
compile_err("default before nondefault", "def f(a=1, b): pass")
compile_err("kw repeat", "f(a=1, a=2)")
compile_err("positional after kw", "f(a=1, 2)")
compile_err("walrus in comp iter", "[x for x in (y := [1])]")
compile_err("bad indent", "if x:\npass")
compile_err("unclosed", "f(1,")
compile_err("invalid char", "x = 1 $ 2")
compile_err("missing colon", "if x\n    pass")
compile_err("lambda default", "lambda a=1, b: 0")
compile_err("nonlocal and global", "def f():\n    x = 1\n    def g():\n        global x\n        nonlocal x\n")

def outer():
    a = 1
    def middle():
        def inner():
            nonlocal a
            a += 1
            return a
        return inner()
    return middle(), a
print(outer())

def shadow():
    len = lambda x: "shadowed"
    return len([1, 2])
print(shadow(), len([1, 2]))

def default_scope(v=x):
    return v
print(default_scope())

# class scope is not visible from methods
class Scope:
    attr = "class attr"
    def method(self):
        try:
            return attr
        except NameError as e:
            return str(e)
print(Scope().method())

# loop variable persists after loop; except variable does not
for k in range(3):
    pass
print(k)
try:
    raise ValueError
except ValueError as exc_var:
    pass
t("except var", lambda: exc_var)

# lambda closures and default binding
adders = [(lambda n: lambda v: v + n)(n) for n in range(3)]
print([a(10) for a in adders])

# global statement in nested function
counter = 0
def outer_g():
    def inner_g():
        global counter
        counter += 10
    inner_g()
    return counter
print(outer_g(), counter)
