def f(x, *, key): pass
f(1, 2)
