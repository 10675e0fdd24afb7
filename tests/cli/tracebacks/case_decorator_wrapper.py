def logged(fn):
    def wrapper(*args):
        print("calling", fn.__name__)
        return fn(*args)
    return wrapper
@logged
def risky(x):
    return 10 / x
risky(0)
