# `x.a` with x unbound: the carets point at the name, not the attribute.
def f():
    y = x.a + 1
    x = 3


f()
