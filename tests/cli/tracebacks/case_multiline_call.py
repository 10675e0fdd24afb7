def compute(a,
            b):
    return a.total(
        b)
compute(1, 2)
