# The for loop's fast path over range and list iterators must behave like the general one:
# lists that grow or shrink while looped over, iterators shared with next() and other loops,
# exhausted iterators that stay exhausted, ranges with negative steps and near the int64 edges.
xs = [1, 2, 3]
for x in xs:
    if x < 6:
        xs.append(x + 3)
print(xs)

ys = list(range(10))
seen = []
for y in ys:
    seen.append(y)
    if ys:
        ys.pop()
print(seen, ys)

it = iter(range(10))
pairs = []
for a in it:
    pairs.append((a, next(it, None)))
print(pairs, list(it), next(it, "done"))

it = iter([1, 2, 3, 4, 5])
for a in it:
    if a == 2:
        break
print(list(it))
for a in it:
    print("never", a)

r = iter(range(3))
print(list(r), list(r))
print(list(range(10, 0, -3)), list(range(0)), list(range(5, 5)))
big = 2**63 - 1
print(list(range(big - 2, big)), list(range(-big - 1, -big + 2)), list(range(big, big - 6, -2)))
print([i for i in range(-5, 5, 4)], sum(range(100000)))

nested = [[1, 2], [3], []]
out = []
for row in nested:
    for v in row:
        out.append(v * 10)
print(out)

class L(list):
    pass

print([v for v in L([4, 5, 6])])

def gen():
    yield from range(3)

print([v for v in gen()])
lst = [0]
for v in lst:
    if v < 3:
        lst[:] = lst + [v + 1]
print(lst)
