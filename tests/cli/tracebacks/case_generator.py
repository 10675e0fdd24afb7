def gen():
    yield 1
    raise RuntimeError("in generator")
for v in gen():
    pass
