# `v[0] += x` on a local list: an error from the item's operator points at the whole target.
def f(v, x):
    v[0] += x
    return v


print(f([1, 2], 3))
f(["a"], 3)
