# `if a < b:` compiled as one compare-and-jump: a TypeError still points at the comparison.
def f(a, b):
    while a < b:
        a += 1
    if a < b:
        return "no"
    return a


print(f(1, 3))
f(1, "x")
