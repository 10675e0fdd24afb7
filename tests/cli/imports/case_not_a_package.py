try:
    import counter.sub
except ImportError as e:
    print(type(e).__name__, e)
print(__import__("shop.util", fromlist=["x"]).__name__, __import__("shop.util").__name__)
try:
    from nosuch_pkg import x
except ImportError as e:
    print(type(e).__name__, e, e.name)
