# An uncaught exception with a cause and a context: the script exits 1 and stderr ends with the
# last exception of the chain.
class AppError(Exception):
    pass
def load(key):
    try:
        return {}[key]
    except KeyError as e:
        raise AppError(f"missing {key}") from e
def run():
    try:
        load("x")
    except AppError as e:
        print("caught", e, "caused by", repr(e.__cause__))
        raise RuntimeError("run failed")
print("start")
run()
print("never")
