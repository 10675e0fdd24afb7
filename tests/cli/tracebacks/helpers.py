class AppError(Exception):
    pass

def divide(a, b):
    return a / b

def lookup(d, k):
    return d[k]

def fail_app():
    raise AppError("app failed")
