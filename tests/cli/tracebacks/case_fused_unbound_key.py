# `d[k]` with both locals unbound reports the container; with only k unbound, the key.
def f(first):
    if first:
        y = d[k]
    else:
        d = {}
        y = d[k]
    d = k = 3


try:
    f(True)
except UnboundLocalError as e:
    print(e)
f(False)
