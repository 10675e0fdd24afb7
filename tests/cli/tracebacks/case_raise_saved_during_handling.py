saved = None
try:
    raise KeyError("first")
except KeyError as e:
    saved = e
try:
    raise ValueError("outer")
except ValueError:
    raise saved
