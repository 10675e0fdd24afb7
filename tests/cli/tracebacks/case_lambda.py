f = lambda x: x.missing
def call(fn):
    return fn(1)
call(f)
