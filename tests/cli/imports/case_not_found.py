try:
    import shop.nosuch
except ModuleNotFoundError as e:
    print(type(e).__name__, e, e.name)
try:
    import nosuch_top_level
except ImportError as e:
    print(type(e).__name__, e)
try:
    from shop import nosuch_name
except ImportError as e:
    print(type(e).__name__, str(e).split(" (")[0])
try:
    import shop.util.beyond
except ImportError as e:
    print(type(e).__name__, e)
import nosuch.sub.module
