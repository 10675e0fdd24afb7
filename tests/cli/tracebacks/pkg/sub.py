print("sub init", __name__, __package__)
def helper():
    raise ValueError("bad value")
def boom():
    return helper()
