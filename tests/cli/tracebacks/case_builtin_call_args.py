def apply(values):
    return sorted(values, key=len)
apply([1, 2, 3])
